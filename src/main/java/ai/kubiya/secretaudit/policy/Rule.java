package ai.kubiya.secretaudit.policy;

/** The checks applied to every secret (SPEC §4). */
public enum Rule {
    ROTATION,
    CERTIFICATE_EXPIRY,
    UNUSED,
    METADATA,
    REQUIRED
}
