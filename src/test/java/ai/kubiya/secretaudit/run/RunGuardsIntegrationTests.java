package ai.kubiya.secretaudit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ai.kubiya.secretaudit.evidence.EvidenceVerifier;
import ai.kubiya.secretaudit.report.AuditWorkbookFiles;
import ai.kubiya.secretaudit.report.ReportProperties;
import ai.kubiya.secretaudit.report.WorkbookStore;
import ai.kubiya.secretaudit.run.AuditRun.RunStatus;
import ai.kubiya.secretaudit.support.Inventory;
import ai.kubiya.secretaudit.support.TestDatabases;
import ai.kubiya.secretaudit.support.TestFiles;
import ai.kubiya.secretaudit.support.Workbooks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Irreversible actions are guarded (issue 12): a dry run deletes nothing, retention counts from the clock and
 * removes the files of what it removes (and nothing else), an as-of far ahead is refused, and a shrunk inventory
 * stops the run before anything is resolved or emailed. Owner emails go to {@code .eml} files here.
 */
@SpringBootTest
class RunGuardsIntegrationTests {

    static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");
    static final String SOURCE = "synthetic:300";
    static final Path WORK = TestFiles.directory("guards-it");
    static final Path REPORTS = WORK.resolve("reports");
    static final Path OUTSIDE = WORK.resolve("outside");

    static final Instant LONG_AGO = Instant.parse("2025-10-03T02:00:00Z");
    static final SettableClock CLOCK = new SettableClock();

    /** Retention counts from the clock: old runs are set up while they were young, then the clock moves to now. */
    static final class SettableClock extends Clock {
        volatile Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TestConfiguration
    static class TestClock {
        @Bean
        @Primary
        Clock settableClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.register(registry);
        registry.add("audit.reports.dir", REPORTS::toString);
    }

    @Autowired
    AuditRunLauncher launcher;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WorkbookStore store;

    @Autowired
    EvidenceVerifier verifier;

    @BeforeEach
    void startFromAnEmptyHistory() throws IOException {
        CLOCK.now = NOW;
        jdbc.sql("TRUNCATE audit_run, finding_state, run_manifest CASCADE").update();
        deleteTree(REPORTS);
        deleteTree(OUTSIDE);
        Files.createDirectories(OUTSIDE);
    }

    @Test
    void aDryRunDeletesNothingEvenWhenRetentionWouldRemoveRuns() throws Exception {
        // given: an old run that retention removes (as aRealRunAsOfTheFutureCountsRetentionFromNow shows), and the
        // issue's nights; all run long ago
        CLOCK.now = LONG_AGO;
        AuditRun old = run("2025-10-01");
        List<String> oldEmails = emailFiles(old);
        List<AuditRun> nights = List.of(old, runAhead("2026-11-27"), runAhead("2026-11-28"), runAhead("2026-11-29"));
        List<String> history = findingState();

        // when: now, a dry run as of 2099 (retention used to count 400 days back from there: every night gone)
        CLOCK.now = NOW;
        AuditRun dry = launcher.launch(Instant.parse("2099-01-01T00:00:00Z"), SOURCE, new LaunchOptions(true, true, false));

        // then: every run, its workbook on disk, its stored workbook and its email files are still there
        assertThat(dry.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(dry.retention()).isNull();
        for (AuditRun night : nights) {
            assertThat(jdbc.sql("SELECT count(*) FROM finding WHERE run_id = ?").param(night.id()).query(Long.class)
                    .single()).as("findings of run %d", night.id()).isEqualTo(night.findings()).isPositive();
            assertThat(Path.of(night.workbookPath())).isRegularFile();
            assertThat(store.check(night.id())).as("export --run=%d", night.id()).isPresent();
        }
        assertThat(oldEmails).isNotEmpty().allSatisfy(eml -> assertThat(REPORTS.resolve("outbox/" + eml)).isRegularFile());
        assertThat(findingState()).isEqualTo(history);
    }

    @Test
    void aDryRunOfAnEarlierAsOfLeavesTheFirstSeenDatesOfLaterRunsAlone() throws Exception {
        run("2026-11-29");
        List<String> history = findingState();

        AuditRun dry = launcher.launch(Instant.parse("2026-10-01T00:00:00Z"), SOURCE, LaunchOptions.of(true));

        assertThat(dry.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(findingState()).isEqualTo(history);
    }

    @Test
    void aRealRunAsOfTheFutureCountsRetentionFromNow() throws Exception {
        // given: a run older than 400 days before now, and two recent ones, all run long ago
        CLOCK.now = LONG_AGO;
        AuditRun old = run("2025-10-01");
        List<String> oldEmails = emailFiles(old);
        AuditRun recent = runAhead("2026-11-27");
        AuditRun latest = runAhead("2026-11-28");

        // when: now, a year typo, explicitly allowed
        CLOCK.now = NOW;
        AuditRun future = launcher.launch(Instant.parse("2099-01-01T00:00:00Z"), SOURCE,
                new LaunchOptions(false, true, false));

        // then: only the old run is gone (counted from 2099, the recent ones would be too)
        assertThat(future.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(runIds()).containsExactly(recent.id(), latest.id(), future.id());
        assertThat(future.retention()).isEqualTo("removed the detail of 1 run(s) (as of before 2025-10-26): 1 workbook(s), "
                + oldEmails.size() + " email file(s)");
        assertThat(oldEmails).isNotEmpty();
        assertThat(Path.of(recent.workbookPath())).isRegularFile();
        assertThat(Path.of(old.workbookPath())).doesNotExist();
    }

    @Test
    void anAsOfMoreThanADayAheadIsRefusedAndADayAheadIsNot() throws Exception {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> launcher.launch(NOW.plus(Duration.ofDays(2)), SOURCE, false))
                .withMessage("--as-of 2026-12-02T02:00:00Z is more than one day after now (2026-11-30T02:00:00Z); if"
                        + " that is intended, run again with --allow-future-as-of");
        assertThat(runIds()).isEmpty();

        AuditRun tomorrow = launcher.launch(NOW.plus(Duration.ofDays(1)), SOURCE, false);

        assertThat(tomorrow.status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void retentionRemovesTheFilesOfTheRunsItRemovesAndNothingElse() throws Exception {
        // given: an old run, a recent one (both run long ago), and files nobody can attribute to a run
        CLOCK.now = LONG_AGO;
        AuditRun old = run("2025-10-01");
        List<String> oldEmails = emailFiles(old);
        AuditRun recent = runAhead("2026-11-29");
        CLOCK.now = NOW;
        Path notes = Files.writeString(REPORTS.resolve("2025-10-01/notes.txt"), "kept");
        Path stray = Files.writeString(REPORTS.resolve("outbox/99999999.eml"), "kept");

        // when: an auditor re-evaluates the old date; it finishes, so retention runs
        AuditRun reEvaluated = launcher.launch(Instant.parse("2025-10-01T06:00:00Z"), SOURCE, false);

        // then: the old run is gone with its workbook and emails; the re-evaluation (same folder) and the recent run keep theirs
        assertThat(runIds()).containsExactly(recent.id(), reEvaluated.id());
        assertThat(reEvaluated.retention()).isEqualTo("removed the detail of 1 run(s) (as of before 2025-10-26): "
                + "1 workbook(s), " + oldEmails.size() + " email file(s)");
        assertThat(Path.of(old.workbookPath())).doesNotExist();
        assertThat(oldEmails).isNotEmpty().allSatisfy(eml -> assertThat(REPORTS.resolve("outbox/" + eml)).doesNotExist());
        for (AuditRun kept : List.of(recent, reEvaluated)) {
            assertThat(Path.of(kept.workbookPath())).isRegularFile();
            assertThat(emailFiles(kept)).allSatisfy(eml -> assertThat(REPORTS.resolve("outbox/" + eml)).isRegularFile());
        }
        assertThat(emailFiles(recent)).isNotEmpty();
        assertThat(AuditWorkbookFiles.manifestOf(Path.of(old.workbookPath()))).as("the removed run's manifest")
                .doesNotExist();
        assertThat(AuditWorkbookFiles.manifestOf(Path.of(reEvaluated.workbookPath()))).isRegularFile();
        assertThat(notes).hasContent("kept");
        assertThat(stray).hasContent("kept");
    }

    /** A dry run from before dry runs were named so, and before the chain: retention leaves no file of it behind. */
    @Test
    void retentionRemovesADryRunsWorkbookUnderItsEarlierNameAndVerifyHoldsAfter() throws Exception {
        CLOCK.now = LONG_AGO;
        AuditRun dry = launcher.launch(Instant.parse("2025-10-01T00:00:00Z"), SOURCE, true);
        Path named = Path.of(dry.workbookPath());
        Path earlier = named.resolveSibling("audit-2025-10-01-run" + dry.id() + ".xlsx");
        Files.move(named, earlier);
        Files.delete(AuditWorkbookFiles.manifestOf(named));
        jdbc.sql("UPDATE audit_run SET workbook_path = ? WHERE id = ?").params(earlier.toString(), dry.id()).update();
        jdbc.sql("DELETE FROM run_manifest WHERE run_id = ?").param(dry.id()).update();
        CLOCK.now = NOW;

        AuditRun latest = run("2026-11-30");

        assertThat(runIds()).containsExactly(latest.id());
        assertThat(earlier).doesNotExist();
        assertThat(verifier.verify(null).broken()).isNull();
    }

    /** The removed run's manifest is recorded but gone: verify says where the kept chain starts, not "broken". */
    @Test
    void afterRetentionTheKeptChainStillVerifiesAndSaysWhereItStarts() throws Exception {
        CLOCK.now = LONG_AGO;
        AuditRun old = run("2025-10-01");
        AuditRun recent = runAhead("2026-11-29");
        CLOCK.now = NOW;

        AuditRun latest = run("2026-11-30");

        assertThat(runIds()).containsExactly(recent.id(), latest.id());
        EvidenceVerifier.Verification verification = verifier.verify(null);
        assertThat(verification.broken()).isNull();
        assertThat(verification.summary()).isEqualTo("verified: 3 manifest(s) chained, runs " + old.id() + " to "
                + latest.id() + "; 1 removed by retention: the kept chain starts at run " + recent.id() + ", whose"
                + " previous, run " + old.id() + ", was removed; 2 workbook file(s) and 2 stored workbook(s) match;"
                + " no manifest is signed");
        assertThat(REPORTS.resolve("2025-10-01")).as("the emptied date folder").doesNotExist();
    }

    @Test
    void retentionFollowsNoLinkOutOfTheReportsDir() throws Exception {
        // given: two old runs (run long ago) whose files were replaced by links to files outside the reports dir
        CLOCK.now = LONG_AGO;
        AuditRun first = run("2025-10-01");
        AuditRun second = run("2025-10-02");
        CLOCK.now = NOW;
        List<String> emails = emailFiles(first);
        Path workbook = Path.of(first.workbookPath());
        Path preciousWorkbook = OUTSIDE.resolve("precious.xlsx");
        Files.move(workbook, preciousWorkbook);
        Files.createSymbolicLink(workbook, preciousWorkbook);
        Path eml = REPORTS.resolve("outbox/" + emails.get(0));
        Path preciousEml = OUTSIDE.resolve("precious.eml");
        Files.move(eml, preciousEml);
        Files.createSymbolicLink(eml, preciousEml);
        Path folder = REPORTS.resolve("2025-10-02");
        Path outsideFolder = OUTSIDE.resolve("folder");
        Files.move(folder, outsideFolder);
        Files.createSymbolicLink(folder, outsideFolder);
        Path outsideWorkbook = outsideFolder.resolve(Path.of(second.workbookPath()).getFileName());

        // when
        AuditRun recent = run("2026-11-29");

        // then: both runs are gone from the database, but nothing outside the reports dir was touched
        assertThat(runIds()).containsExactly(recent.id());
        assertThat(recent.retention()).isEqualTo("removed the detail of 2 run(s) (as of before 2025-10-26): "
                + "0 workbook(s), " + (emails.size() - 1 + emailFiles(second).size()) + " email file(s)");
        assertThat(preciousWorkbook).isRegularFile();
        assertThat(preciousEml).isRegularFile();
        assertThat(outsideWorkbook).isRegularFile();
        assertThat(AuditWorkbookFiles.manifestOf(outsideWorkbook)).isRegularFile();
        assertThat(workbook).isSymbolicLink();
        assertThat(AuditWorkbookFiles.manifestOf(workbook)).as("the removed run's own manifest").doesNotExist();
        assertThat(eml).isSymbolicLink();
    }

    @Test
    void anInventoryThatShrankFailsTheRunBeforeAnythingIsResolvedOrEmailed() throws Exception {
        // given: a night with 1,000 secrets and findings, then a source that answers []
        Path file = WORK.resolve("shrinking.json");
        Instant yesterday = NOW.minus(Duration.ofDays(1));
        Files.writeString(file, new Inventory(yesterday).generated(1_000, "shrink.example").json());
        AuditRun before = launcher.launch(yesterday, "file:" + file, false);
        assertThat(before.findings()).isPositive();
        Files.writeString(file, "[]");

        // when
        AuditRun refused = launcher.launch(NOW, "file:" + file, false);

        // then: FAILED with the reason, nothing resolved, nobody emailed, no workbook
        assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
        assertThat(refused.failure()).isEqualTo("the inventory shrank from 1,000 to 0 secrets (100 % >"
                + " audit.guard.max-shrink-percent 50 %); if this is expected, run again with --accept-shrink");
        assertThat(count("SELECT count(*) FROM resolved_finding WHERE run_id = ?", refused.id())).isZero();
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE run_id = ?", refused.id())).isZero();
        assertThat(refused.workbookPath()).isNull();

        // when: the shrink is expected
        AuditRun accepted = launcher.launch(NOW, "file:" + file, new LaunchOptions(false, false, true));

        // then: the same run goes through, and says the guard was overridden
        assertThat(accepted.id()).isEqualTo(refused.id());
        assertThat(accepted.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(accepted.acceptShrink()).isTrue();
        assertThat(accepted.shrinkAccepted()).isEqualTo("the inventory shrank from 1,000 to 0 secrets (100 % >"
                + " audit.guard.max-shrink-percent 50 %), accepted with --accept-shrink");
        assertThat(count("SELECT count(*) FROM resolved_finding WHERE run_id = ?", accepted.id()))
                .isEqualTo(count("SELECT count(*) FROM finding WHERE run_id = ? AND status <> 'WAIVED'", before.id()))
                .isPositive();
        // and the auditor sees the override on the Run sheet
        assertThat(Workbooks.allText(Path.of(accepted.workbookPath())))
                .contains("Inventory shrink guard").contains(accepted.shrinkAccepted());
        assertThat(Workbooks.allText(Path.of(before.workbookPath()))).contains("Inventory shrink guard\tnot overridden");
    }

    @Test
    void aRefusedRunIsReadAgainByANewRunWhenTheSourceIsFixedInstead() throws Exception {
        Path file = WORK.resolve("wrong-key.json");
        Instant yesterday = NOW.minus(Duration.ofDays(1));
        String inventory = new Inventory(yesterday).generated(1_000, "fixed.example").json();
        Files.writeString(file, inventory);
        launcher.launch(yesterday, "file:" + file, false);
        Files.writeString(file, "[]");
        AuditRun refused = launcher.launch(NOW, "file:" + file, false);
        Files.writeString(file, inventory);

        AuditRun fixed = launcher.launch(NOW, "file:" + file, false);

        assertThat(fixed.id()).isNotEqualTo(refused.id());
        assertThat(fixed.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(fixed.read()).isEqualTo(1_000);
        assertThat(fixed.acceptShrink()).isFalse();
        assertThat(fixed.shrinkAccepted()).isNull();
        assertThat(jdbc.sql("SELECT status FROM audit_run WHERE id = ?").param(refused.id()).query(String.class).single())
                .isEqualTo("FAILED");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoNamedLikeAWorkbookInTheDateFolderIsSkippedNotRead() throws Exception {
        Path fifo = Files.createDirectories(REPORTS.resolve("2026-11-29")).resolve("audit-x.xlsx");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor()).isZero();

        AuditRun run = run("2026-11-29");

        assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(Files.readString(AuditWorkbookFiles.manifestOf(Path.of(run.workbookPath()))))
                .contains(Path.of(run.workbookPath()).getFileName().toString())
                .doesNotContain("audit-x.xlsx");
        assertThat(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS).isOther()).as("still a FIFO").isTrue();
    }

    private AuditRun run(String date) throws Exception {
        return completed(launcher.launch(Instant.parse(date + "T00:00:00Z"), SOURCE, false));
    }

    /** A run as of a date the clock has not reached (it is set back to set up history). */
    private AuditRun runAhead(String date) throws Exception {
        return completed(launcher.launch(Instant.parse(date + "T00:00:00Z"), SOURCE, new LaunchOptions(false, true, false)));
    }

    private static AuditRun completed(AuditRun run) {
        assertThat(run.status()).as(run.failure()).isEqualTo(RunStatus.COMPLETED);
        return run;
    }

    /** The {@code .eml} file names of the run's outbox rows (named as the outbox transport names them). */
    private List<String> emailFiles(AuditRun run) {
        return jdbc.sql("SELECT id FROM mail_outbox WHERE run_id = ? ORDER BY id").param(run.id()).query(Long.class)
                .list().stream().map(ReportProperties::emlFileName).toList();
    }

    private List<Long> runIds() {
        return jdbc.sql("SELECT id FROM audit_run ORDER BY id").query(Long.class).list();
    }

    private List<String> findingState() {
        return jdbc.sql("SELECT secret || '|' || rule || '|' || first_seen_as_of FROM finding_state ORDER BY 1")
                .query(String.class).list();
    }

    private long count(String sql, long runId) {
        return jdbc.sql(sql).param(runId).query(Long.class).single();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) { // links are not followed: a link is deleted, not its target
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
