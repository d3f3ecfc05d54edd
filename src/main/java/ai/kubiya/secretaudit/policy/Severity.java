package ai.kubiya.secretaudit.policy;

/** How urgently a finding needs attention. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
