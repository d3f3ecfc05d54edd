package ai.kubiya.secretaudit.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * An approved exception: findings of {@code rule} on secrets matching the {@code secret} glob are reported
 * {@code WAIVED} through the end of the {@code expires} date (UTC).
 */
public record Waiver(String secret, Rule rule, String reason, String approvedBy, String ticket, LocalDate expires) {

    public boolean isValidAt(Instant asOf) {
        return asOf.isBefore(expires.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /** How the waiver is named on findings and in the workbook. */
    public String label() {
        return ticket + " (" + secret + " / " + rule + ")";
    }
}
