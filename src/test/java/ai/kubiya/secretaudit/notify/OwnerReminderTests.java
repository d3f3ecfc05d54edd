package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.report.WorstFirst;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The subject and body of an owner's email, worst first, without Spring: what the owner reads first. */
class OwnerReminderTests {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
    private final OwnerReminder reminder = new OwnerReminder(new OwnerGuidance(new GuidanceProperties(Map.of(), null)));

    @Test
    void everyExpiredOrCriticalCertificateIsInTheBodyWhateverTheRowLimit() {
        List<FindingRow> rows = new ArrayList<>();
        IntStream.range(0, 60).forEach(i -> rows.add(token("token-" + i, Status.OVERDUE, AS_OF.minusDays(400 + i))));
        IntStream.range(0, 30).forEach(i -> rows.add(certificate("cert-" + i, Status.EXPIRING, Severity.CRITICAL,
                AS_OF.plusDays(4))));
        rows.add(certificate("cert-expired", Status.EXPIRED, Severity.CRITICAL, AS_OF.minusDays(1)));
        rows.sort(WorstFirst.ORDER);

        String text = reminder.render(AS_OF, rows).text();
        String html = reminder.render(AS_OF, rows).html();

        assertThat(OwnerReminder.TABLE_ROWS).isLessThan(31);
        assertThat(text.lines().filter(line -> line.startsWith("EXPIRED: ") || line.startsWith("CRITICAL: ")))
                .hasSize(31).first().isEqualTo("EXPIRED: cert-expired — expired on 2026-11-29 (1 day ago)");
        assertThat(text).contains("CRITICAL: cert-29 — expires on 2026-12-04 (in 4 days)",
                "… and 60 more in the attached workbook.").doesNotContain("token-");
        assertThat(html).contains(">cert-29</b>", "background:#C00000;color:#fff;font-weight:bold;"
                + "white-space:nowrap\">CRITICAL</td>").doesNotContain("token-");
    }

    @Test
    void theSubjectNamesTheWorstFirstInWordsAndCountsEachSecretOnceUnderItsWorstFinding() {
        List<FindingRow> rows = List.of(
                certificate("cert-expired", Status.EXPIRED, Severity.CRITICAL, AS_OF.minusDays(1)),
                token("old", Status.OVERDUE, LocalDate.of(2025, 8, 22)),
                new FindingRow("old", "token", "org", null, "o@x.example", Rule.UNUSED, Status.UNUSED, Severity.LOW,
                        null, 200, "OPEN", "m"),
                token("newer", Status.OVERDUE, LocalDate.of(2026, 10, 1)),
                token("soon", Status.DUE_SOON, AS_OF.plusDays(9)),
                new FindingRow("idle", "token", "org", null, "o@x.example", Rule.UNUSED, Status.UNUSED, Severity.LOW,
                        null, 200, "OPEN", "m"));

        assertThat(OwnerSubject.of(rows)).isEqualTo("[Secret rotation] 1 certificate EXPIRED, 2 secrets overdue since"
                + " 2025-08-22, 1 due soon, and 1 more");
        assertThat(OwnerSubject.of(rows.subList(1, 6))).isEqualTo("[Secret rotation] 2 secrets overdue since"
                + " 2025-08-22, 1 due soon, 1 unused or incomplete");
        assertThat(OwnerSubject.of(rows.subList(4, 6))).isEqualTo("[Secret rotation] 1 secret due soon, 1 unused or"
                + " incomplete");
        assertThat(OwnerSubject.of(List.of(certificate("c1", Status.EXPIRING, Severity.CRITICAL, AS_OF.plusDays(3)),
                certificate("c2", Status.EXPIRING, Severity.CRITICAL, AS_OF.plusDays(5)))))
                .isEqualTo("[Secret rotation] 2 certificates expire from 2026-12-03");
    }

    @Test
    void anUnusedSecretIsToldToBeDeletedOrRotated() {
        FindingRow unused = new FindingRow("idle", "token", "org", null, "o@x.example", Rule.UNUSED, Status.UNUSED,
                Severity.LOW, null, 200, "OPEN", "m");

        assertThat(reminder.render(AS_OF, List.of(unused)).text()).contains("UNUSED: idle — unused for 200 days",
                "What to do: Not used for a long time: delete it if nothing needs it, otherwise rotate it.");
    }

    @Test
    void findingsWithoutADueDateSayWhatIsWrongInWords() {
        FindingRow metadata = new FindingRow("m", null, null, null, "o@x.example", Rule.METADATA,
                Status.INSUFFICIENT_DATA, Severity.MEDIUM, null, null, "NEW", "m");
        FindingRow missing = new FindingRow("r", null, null, null, "o@x.example", Rule.REQUIRED, Status.MISSING,
                Severity.HIGH, null, null, "NEW", "m");

        assertThat(OwnerReminder.problem(metadata, AS_OF)).isEqualTo("incomplete metadata");
        assertThat(OwnerReminder.problem(missing, AS_OF)).isEqualTo("required, but missing");
    }

    private static FindingRow token(String name, Status status, LocalDate due) {
        return new FindingRow(name, "token", "org", null, "o@x.example", Rule.ROTATION, status, Severity.HIGH, due,
                100, "OPEN", "m");
    }

    private static FindingRow certificate(String name, Status status, Severity severity, LocalDate due) {
        return new FindingRow(name, "certificate", "org", null, "o@x.example", Rule.CERTIFICATE_EXPIRY, status,
                severity, due, null, "NEW", "m");
    }
}
