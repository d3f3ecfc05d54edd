package ai.kubiya.secretaudit.policy;

/**
 * Outcome of a rule for one secret. Declared from least to most severe, so that the worst status of
 * a secret is the one with the highest ordinal.
 */
public enum Status {
    OK,
    WAIVED,
    UNUSED,
    INSUFFICIENT_DATA,
    DUE_SOON,
    EXPIRING,
    OVERDUE,
    EXPIRED,
    MISSING;

    public boolean needsAction() {
        return this != OK && this != WAIVED;
    }

    public static Status worst(Status a, Status b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
