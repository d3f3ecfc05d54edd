package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kubiya.secretaudit.InvalidConfigurationException;
import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner reminder's templates: built in, replaced file by file from {@code audit.mail.templates-dir}. */
class ReminderTemplatesTests {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
    private static final GuidanceProperties NO_GUIDANCE = new GuidanceProperties(Map.of(), null);
    private static final String HOSTILE = "<script>alert(1)</script>\r\nBcc: spy@evil.example [(${asOf})]";

    @TempDir
    Path dir;

    @Test
    void aFileInTheTemplatesDirectoryReplacesTheBuiltInTemplateOfTheSameNameAndOnlyThatOne() throws Exception {
        Files.writeString(dir.resolve("owner-reminder.subject.txt"), "Action needed ([(${secrets})]):\n[(${summary})]\n");

        OwnerReminder reminder = reminder(dir);

        assertThat(reminder.render(AS_OF, rows("old-token")).subject()).isEqualTo("Action needed (1): 1 secret overdue since"
                + " 2026-10-01");
        assertThat(reminder.render(AS_OF, rows("old-token")).text()).startsWith("The secret rotation audit of 2026-11-30 found 1"
                + " secret of yours that needs attention (1 finding), worst first:");
    }

    @Test
    void anOperatorsHtmlTemplateSeesTheRowsAndItsThTextEscapesTheNames() throws Exception {
        Files.writeString(dir.resolve("owner-reminder.html"), """
                <ul><li th:each="row : ${rows}" th:style="'color:#' + ${row.colour}"><b th:text="${row.severity}">S</b>
                <span th:text="${row.secret}">name</span> <i th:text="${row.todo}">todo</i></li></ul>""");

        String html = reminder(dir).render(AS_OF, rows(HOSTILE)).html();

        assertThat(html).contains("<b>OVERDUE</b>", "style=\"color:#E46C0A\"",
                "<span>&lt;script&gt;alert(1)&lt;/script&gt;\r\nBcc: spy@evil.example [(${asOf})]</span>")
                .doesNotContain("<script", "2026-11-30");
    }

    @Test
    void theTextTemplatesPrintANameAsItIsNeitherMarkupNorAnExpression() {
        OwnerReminder reminder = reminder(null);

        assertThat(reminder.render(AS_OF, rows(HOSTILE)).text()).contains("OVERDUE: " + HOSTILE + " — rotation overdue since");
        assertThat(reminder.render(AS_OF, rows(HOSTILE)).html()).doesNotContain("<script")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    void aTemplateThatDoesNotParseStopsStartUpNamingTheFileWithoutQuotingIt() throws Exception {
        Path broken = Files.writeString(dir.resolve("owner-reminder.html"), "<p th:text=\"${rows[}\">secret-ish</p>");

        assertThatThrownBy(() -> check(dir))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("audit.mail.templates-dir: " + broken + " cannot be used")
                .hasMessageNotContaining("secret-ish").hasMessageNotContaining("rows[");
    }

    @Test
    void aTextTemplateThatFailsToRenderIsRefusedAtStartUpToo() throws Exception {
        Path broken = Files.writeString(dir.resolve("owner-reminder.txt"), "[(${rows.noSuchThing()})]\n");

        assertThatThrownBy(() -> check(dir)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("audit.mail.templates-dir: " + broken + " cannot be used");
    }

    @Test
    void aTemplatesDirectoryThatIsNotThereIsRefusedAtStartUp() {
        Path missing = dir.resolve("nope");

        assertThatThrownBy(() -> check(missing)).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("audit.mail.templates-dir: " + missing + " is not a directory");
    }

    @Test
    void theBuiltInTemplatesPassTheStartUpCheck() {
        assertThat(check(null)).isNotNull();
        assertThat(check(dir)).as("an empty directory: every template built in").isNotNull();
    }

    private static ReminderTemplates check(Path directory) {
        return ReminderTemplatesConfiguration.checked(directory, NO_GUIDANCE);
    }

    /**
     * One non-ASCII character (an ellipsis) made the whole HTML part quoted-printable: 5 % bigger, and the
     * encoder the compose thread's top frame. Markup and our words stay ASCII; only a name that is not stays so.
     */
    @Test
    void theBuiltInHtmlIsPlainAsciiSoThatItsPartTravelsUnencoded() {
        List<FindingRow> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.addAll(rows("token-" + i));
        }

        String html = reminder(null).render(AS_OF, rows).html();

        assertThat(html).contains("&hellip; and 15 more");
        assertThat(html.chars().filter(c -> c > 0x7e || c < 0x20 && c != '\n' && c != '\r' && c != '\t').count())
                .as("characters outside printable ASCII").isZero();
    }

    private static OwnerReminder reminder(Path directory) {
        return new OwnerReminder(new OwnerGuidance(NO_GUIDANCE), check(directory));
    }

    private static List<FindingRow> rows(String name) {
        return List.of(new FindingRow(name, "token", "org", null, "o@x.example", Rule.ROTATION, Status.OVERDUE,
                Severity.HIGH, LocalDate.of(2026, 10, 1), 100, "OPEN", "m"));
    }
}
