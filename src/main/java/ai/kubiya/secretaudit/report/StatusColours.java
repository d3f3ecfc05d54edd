package ai.kubiya.secretaudit.report;

import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;

/**
 * Fill colour of a Status cell: red needs action now, amber soon, grey/yellow unclear, blue waived; and of a
 * Severity cell in the same colours, so the two columns read alike (HIGH, as OVERDUE, red; MEDIUM, as DUE_SOON,
 * amber; LOW, as UNUSED, yellow).
 */
final class StatusColours {

    private static final byte[] RED = rgb(0xFFC7CE);
    private static final byte[] AMBER = rgb(0xFFD98C);
    private static final byte[] LIGHT_YELLOW = rgb(0xFFF2CC);
    private static final byte[] BLUE = rgb(0xBDD7EE);
    private static final byte[] GREEN = rgb(0xC6EFCE);

    private StatusColours() {
    }

    static byte[] of(Status status) {
        return switch (status) {
            case OVERDUE, EXPIRED, MISSING -> RED.clone();
            case DUE_SOON, EXPIRING -> AMBER.clone();
            case UNUSED, INSUFFICIENT_DATA -> LIGHT_YELLOW.clone();
            case WAIVED -> BLUE.clone();
            case OK -> GREEN.clone();
        };
    }

    static byte[] of(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> RED.clone();
            case MEDIUM -> AMBER.clone();
            case LOW -> LIGHT_YELLOW.clone();
        };
    }

    private static byte[] rgb(int value) {
        return new byte[] {(byte) (value >> 16), (byte) (value >> 8), (byte) value};
    }
}
