package ai.kubiya.secretaudit.export;

import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Our statuses, severities, lifecycles and controls in OCSF 1.4.0's terms (schema.ocsf.io/1.4.0, the enums of
 * {@code compliance.status_id}, {@code severity_id} and the finding's {@code status_id}).
 */
final class OcsfCodes {

    /** A clause of a standard, where its name ends: {@code 3.7.4,}, {@code §5.3}, {@code CC6.1}, {@code A.8.24}. */
    private static final Pattern CLAUSE = Pattern.compile("(§|[A-Z]{0,2}\\.?)\\d+(\\.\\d+)+,?");

    private OcsfCodes() {
    }

    record Code(int id, String caption) {
    }

    /**
     * Fail: the rule is broken (overdue, expired, missing, unused), or waived (kept as Fail, as Prowler keeps a muted
     * finding, with the finding's status Suppressed); Warning: not broken yet (due soon, expiring) or not decidable
     * (insufficient data); Pass: OK.
     */
    static Code compliance(Status status) {
        return switch (status) {
            case OK -> new Code(1, "Pass");
            case DUE_SOON, EXPIRING, INSUFFICIENT_DATA -> new Code(2, "Warning");
            case WAIVED, UNUSED, OVERDUE, EXPIRED, MISSING -> new Code(3, "Fail");
        };
    }

    static Code severity(Severity severity) {
        return switch (severity) {
            case LOW -> new Code(2, "Low");
            case MEDIUM -> new Code(3, "Medium");
            case HIGH -> new Code(4, "High");
            case CRITICAL -> new Code(5, "Critical");
        };
    }

    /** The finding's workflow status from its lifecycle (docs/policy.md#lifecycle-how-an-auditor-reads-it). */
    static Code findingStatus(String lifecycle, Status status) {
        if (status == Status.WAIVED || "WAIVED".equals(lifecycle)) {
            return new Code(3, "Suppressed");
        }
        if (lifecycle == null) {
            return new Code(0, "Unknown");
        }
        return switch (lifecycle) {
            case "NEW" -> new Code(1, "New");
            case "OPEN", "REOPENED" -> new Code(2, "In Progress");
            case "RESOLVED" -> new Code(4, "Resolved");
            default -> new Code(99, "Other");
        };
    }

    /** The rule's controls as the workbook's Controls column lists them, one requirement each. */
    static List<String> requirements(String controls) {
        return Arrays.stream(controls.split(";")).map(String::strip).filter(entry -> !entry.isEmpty()).toList();
    }

    /** The standard of a requirement: its words before the first clause ({@code SOC 2 CC6.1} → {@code SOC 2}). */
    static String standard(String requirement) {
        String[] words = requirement.split(" ");
        StringBuilder name = new StringBuilder();
        for (String word : words) {
            if (CLAUSE.matcher(word).matches() && !name.isEmpty()) {
                break;
            }
            name.append(name.isEmpty() ? "" : " ").append(word);
        }
        return name.toString();
    }
}
