package ai.kubiya.secretaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.kubiya.secretaudit.InvalidConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.ThrowableAssertAlternative;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The waiver file of {@code audit.waivers.file}: anything an auditor could not accept stops start-up. */
class WaiverFileTests {

    private static final LocalDate TODAY = LocalDate.parse("2026-03-01");
    private static final int MAX_DAYS = 180;

    private static final String VALID_ENTRY = """
            - secret: "legacy-*"
              rule: ROTATION
              reason: vendor cannot rotate before the migration
              approved_by: carol@example.com
              ticket: SEC-101
              expires: "2026-06-30"
            """;

    @TempDir
    Path dir;

    @Test
    void aListOfWaiversIsRead() throws IOException {
        // given
        Path file = write(VALID_ENTRY + """
                - secret: ci-token
                  rule: unused
                  reason: used once a year by the release job
                  approved_by: dave@example.com
                  ticket: SEC-102
                  expires: "2026-04-01"
                """);

        // when
        List<Waiver> waivers = WaiverFile.read(file, TODAY, MAX_DAYS);

        // then
        assertThat(waivers).containsExactly(
                new Waiver("legacy-*", Rule.ROTATION, "vendor cannot rotate before the migration",
                        "carol@example.com", "SEC-101", LocalDate.parse("2026-06-30")),
                new Waiver("ci-token", Rule.UNUSED, "used once a year by the release job", "dave@example.com",
                        "SEC-102", LocalDate.parse("2026-04-01")));
    }

    @Test
    void theListMayHangUnderAWaiversKey() throws IOException {
        // given
        Path file = write("waivers:\n" + VALID_ENTRY.indent(2));

        // when
        List<Waiver> waivers = WaiverFile.read(file, TODAY, MAX_DAYS);

        // then
        assertThat(waivers).extracting(Waiver::ticket).containsExactly("SEC-101");
    }

    @Test
    void anUnquotedYamlDateIsTheDateWritten() throws IOException {
        // given
        Path file = write(VALID_ENTRY.replace("expires: \"2026-06-30\"", "expires: 2026-06-30"));

        // when
        List<Waiver> waivers = WaiverFile.read(file, TODAY, MAX_DAYS);

        // then
        assertThat(waivers).extracting(Waiver::expires).containsExactly(LocalDate.parse("2026-06-30"));
    }

    @Test
    void valuesAreStrippedAndScalarsReadAsText() throws IOException {
        // given
        Path file = write(VALID_ENTRY.replace("ticket: SEC-101", "ticket: 4711")
                .replace("approved_by: carol@example.com", "approved_by: \"  carol@example.com \""));

        // when
        Waiver waiver = WaiverFile.read(file, TODAY, MAX_DAYS).get(0);

        // then
        assertThat(waiver.ticket()).isEqualTo("4711");
        assertThat(waiver.approvedBy()).isEqualTo("carol@example.com");
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"secret", "rule", "reason", "approved_by", "ticket", "expires"})
    void everyFieldIsRequired(String field) throws IOException {
        // given: the second entry lacks the field
        String lines = String.join("\n", VALID_ENTRY.lines()
                .filter(line -> !line.substring(2).startsWith(field + ":")).toList());
        Path file = write(VALID_ENTRY + "- " + lines.substring(2) + "\n");

        // when / then
        assertRejected(file).withMessageContaining("entry 2").withMessageContaining(field + " is required");
    }

    @ParameterizedTest(name = "approved_by: {0}")
    @ValueSource(strings = {"\"\"", "\"   \"", "~", "null"})
    void aBlankApproverIsRejected(String approver) throws IOException {
        // given
        Path file = write(VALID_ENTRY.replace("approved_by: carol@example.com", "approved_by: " + approver));

        // when / then
        assertRejected(file).withMessageContaining("entry 1").withMessageContaining("approved_by is required");
    }

    @ParameterizedTest(name = "approved_by: {0}")
    @ValueSource(strings = {"[]", "{}", "[carol@example.com, dave@example.com]", "{name: carol}"})
    void anApproverThatIsNotASingleValueIsRejected(String approver) throws IOException {
        // given
        Path file = write(VALID_ENTRY.replace("approved_by: carol@example.com", "approved_by: " + approver));

        // when / then
        assertRejected(file).withMessageContaining("entry 1")
                .withMessageContaining("approved_by must be a single value");
    }

    @Test
    void anUnknownFieldIsRejected() throws IOException {
        // given
        Path file = write(VALID_ENTRY + "  approver: eve@example.com\n");

        // when / then
        assertRejected(file).withMessageContaining("entry 1").withMessageContaining("unknown field 'approver'");
    }

    @Test
    void anUnknownRuleIsRejected() throws IOException {
        // given
        Path file = write(VALID_ENTRY.replace("rule: ROTATION", "rule: ROTATE"));

        // when / then
        assertRejected(file).withMessageContaining("entry 1").withMessageContaining("rule 'ROTATE'");
    }

    @ParameterizedTest(name = "expires: {0}")
    @ValueSource(strings = {"\"2026-02-30\"", "2026-02-30", "2026-13-01", "\"next week\"", "\"30.06.2026\"",
        "20260630"})
    void anExpiryThatIsNotADateIsRejected(String expires) throws IOException {
        // given
        Path file = write(VALID_ENTRY.replace("expires: \"2026-06-30\"", "expires: " + expires));

        // when / then
        assertRejected(file).withMessageContaining("entry 1").withMessageContaining("is not a date");
    }

    @Test
    void anExpiryMoreThanMaxDaysAheadIsRejected() throws IOException {
        // given
        Path file = write(VALID_ENTRY.replace("2026-06-30", TODAY.plusDays(MAX_DAYS + 1).toString()));

        // when / then
        assertRejected(file).withMessageContaining("entry 1").withMessageContaining("audit.waivers.max-days");
    }

    @Test
    void anExpiryExactlyMaxDaysAheadIsAccepted() throws IOException {
        // given
        Path file = write(VALID_ENTRY.replace("2026-06-30", TODAY.plusDays(MAX_DAYS).toString()));

        // when
        List<Waiver> waivers = WaiverFile.read(file, TODAY, MAX_DAYS);

        // then
        assertThat(waivers).extracting(Waiver::expires).containsExactly(LocalDate.parse("2026-08-28"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"secret: legacy-*\nrule: ROTATION\n", "just some text\n", "42\n", "waivers: SEC-101\n"})
    void aDocumentThatIsNotAListIsRejected(String content) throws IOException {
        // given
        Path file = write(content);

        // when / then
        assertRejected(file).withMessageContaining("must hold a list of waivers");
    }

    @Test
    void anEntryThatIsNotAMappingIsRejected() throws IOException {
        // given
        Path file = write(VALID_ENTRY + "- legacy-db\n");

        // when / then
        assertRejected(file).withMessageContaining("entry 2 is not a mapping");
    }

    @Test
    void invalidYamlIsRejected() throws IOException {
        // given
        Path file = write("- secret: [legacy-db\n  rule: ROTATION\n");

        // when / then
        assertRejected(file).withMessageContaining("is not valid YAML");
    }

    @Test
    void aMissingFileIsRejectedAsMissing() {
        // given
        Path file = dir.resolve("missing.yaml");

        // when / then
        assertRejected(file).withMessage("audit.waivers.file: " + file + " does not exist");
    }

    @Test
    void aDirectoryIsRejectedAsADirectory() {
        assertRejected(dir).withMessage("audit.waivers.file: " + dir + " is a directory, not a waiver file");
    }

    @Test
    void aFifoIsRefusedAtOnceInsteadOfBlockingStartUp() throws Exception {
        // given: nothing ever writes to it, so opening it to read would wait forever
        Path fifo = dir.resolve("waivers.yaml");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();

        // when / then
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertRejected(fifo).withMessage(
                "audit.waivers.file: " + fifo + " is not a regular file (a FIFO, device or socket), not a waiver file"));
    }

    @Test
    void aLinkToAWaiverFileIsReadLikeTheFile() throws IOException {
        // given
        Path link = Files.createSymbolicLink(dir.resolve("current.yaml"), write(VALID_ENTRY));

        // when / then
        assertThat(WaiverFile.read(link, TODAY, MAX_DAYS)).extracting(Waiver::ticket).containsExactly("SEC-101");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"", "\n", "# no waivers yet\n", "waivers:\n", "waivers: []\n", "[]\n"})
    void aFileWithoutEntriesHoldsNoWaivers(String content) throws IOException {
        // given
        Path file = write(content);

        // when
        List<Waiver> waivers = WaiverFile.read(file, TODAY, MAX_DAYS);

        // then
        assertThat(waivers).isEmpty();
    }

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("waivers.yaml"), content);
    }

    private static ThrowableAssertAlternative<InvalidConfigurationException> assertRejected(Path file) {
        return assertThatExceptionOfType(InvalidConfigurationException.class)
                .isThrownBy(() -> WaiverFile.read(file, TODAY, MAX_DAYS))
                .withMessageStartingWith("audit.waivers.file");
    }
}
