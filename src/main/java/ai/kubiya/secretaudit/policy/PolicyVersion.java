package ai.kubiya.secretaudit.policy;

import ai.kubiya.secretaudit.Sha256;
import java.nio.charset.StandardCharsets;

/**
 * Identifies the effective policy that produced a finding: the first 12 hex digits of the SHA-256 of
 * the policy's canonical description. It changes exactly when an effective number changes.
 */
public record PolicyVersion(String id, String description) {

    public static PolicyVersion of(RotationPolicy policy) {
        String description = policy.describe();
        return new PolicyVersion(Sha256.hex(description.getBytes(StandardCharsets.UTF_8)).substring(0, 12), description);
    }
}
