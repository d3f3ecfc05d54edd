package ai.kubiya.secretaudit.policy;

import ai.kubiya.secretaudit.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * Identifies the effective policy that produced a finding: the first 12 hex digits of the SHA-256 of the
 * canonical description of the policy and its waivers. It changes exactly when an effective number,
 * override or waiver changes.
 */
public record PolicyVersion(String id, String description) {

    public static PolicyVersion of(RotationPolicy policy) {
        return of(policy, new Waivers(java.util.List.of()));
    }

    public static PolicyVersion of(RotationPolicy policy, Waivers waivers) {
        String description = policy.describe() + "; waivers=" + waivers.all();
        return new PolicyVersion(Sha256.hex(description.getBytes(StandardCharsets.UTF_8)).substring(0, 12), description);
    }
}
