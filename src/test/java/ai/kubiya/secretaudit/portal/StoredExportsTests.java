package ai.kubiya.secretaudit.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kubiya.secretaudit.Sha256;
import ai.kubiya.secretaudit.export.ExportFormat;
import ai.kubiya.secretaudit.run.AuditRun;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/** Stored exports in a real folder, written by a writer that counts how often it is asked. */
class StoredExportsTests {

    @TempDir
    Path dir;

    private final AtomicInteger writes = new AtomicInteger();

    @Test
    void auditorsAskingForTheSameExportAtOnceWaitForOneWrite() throws Exception {
        CountDownLatch everyoneAsked = new CountDownLatch(1);
        StoredExports exports = stored(1_000_000, (run, format, out) -> {
            writes.incrementAndGet();
            await(everyoneAsked);
            out.write(("findings of run " + run.id()).getBytes(StandardCharsets.UTF_8));
        });
        ExecutorService auditors = Executors.newFixedThreadPool(20);
        try {
            List<Future<Optional<StoredExports.Stored>>> downloads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                downloads.add(auditors.submit(() -> exports.get(run(7), ExportFormat.CSV)));
            }
            Thread.sleep(200);
            everyoneAsked.countDown();
            for (Future<Optional<StoredExports.Stored>> download : downloads) {
                assertThat(download.get(10, TimeUnit.SECONDS)).get().extracting(StoredExports.Stored::size)
                        .isEqualTo(17L);
            }
        } finally {
            auditors.shutdownNow();
        }
        assertThat(writes).hasValue(1);
        assertThat(files()).containsExactly("run-7.csv");
    }

    @Test
    void aStoredExportIsServedWithoutWritingAgainAndMatchesItsRecordedSha256() throws Exception {
        StoredExports exports = stored(1_000_000, bytes(100));
        StoredExports.Stored first = exports.get(run(1), ExportFormat.JSON).orElseThrow();

        StoredExports.Stored second = exports.get(run(1), ExportFormat.JSON).orElseThrow();

        assertThat(writes).hasValue(1);
        assertThat(second).isEqualTo(first);
        assertThat(first.sha256()).isEqualTo(Sha256.hex(Files.readAllBytes(first.file())));
        try (FileChannel channel = StoredExportFolder.openChecked(first).orElseThrow()) {
            assertThat(Channels.newInputStream(channel).readAllBytes()).hasSize(100);
        }
    }

    @Test
    void aStoredExportChangedOnDiskIsRefusedBeforeItsFirstByte() throws Exception {
        StoredExports exports = stored(1_000_000, bytes(100));
        StoredExports.Stored stored = exports.get(run(1), ExportFormat.CSV).orElseThrow();
        byte[] bytes = Files.readAllBytes(stored.file());
        bytes[50] ^= 1;
        Files.write(stored.file(), bytes);

        assertThatThrownBy(() -> StoredExportFolder.openChecked(stored)).isInstanceOf(IllegalStateException.class)
                .hasMessage("its bytes no longer match the SHA-256 recorded when it was written");
    }

    @Test
    void theLeastRecentlyDownloadedExportsAreDeletedToKeepTheFolderWithinItsBound() throws Exception {
        StoredExports exports = stored(250, bytes(100));
        exports.get(run(1), ExportFormat.CSV);
        exports.get(run(2), ExportFormat.CSV);
        exports.get(run(1), ExportFormat.CSV); // run 1 downloaded again: run 2 is the least recent now

        exports.get(run(3), ExportFormat.CSV);

        assertThat(files()).containsExactlyInAnyOrder("run-1.csv", "run-3.csv");
        assertThat(exports.get(run(2), ExportFormat.CSV)).isPresent();
        assertThat(writes).hasValue(4);
        assertThat(files()).containsExactlyInAnyOrder("run-3.csv", "run-2.csv");
    }

    @Test
    void anExportLargerThanTheBoundIsNotKeptAndNotTriedAgain() throws Exception {
        StoredExports exports = stored(99, bytes(100));

        assertThat(exports.get(run(1), ExportFormat.OCSF)).isEmpty();
        assertThat(exports.get(run(1), ExportFormat.OCSF)).isEmpty();

        assertThat(writes).hasValue(1);
        assertThat(files()).isEmpty();
    }

    @Test
    void aWriteThatFailsHalfwayLeavesNoFileAndTheNextDownloadWritesItAgain() throws Exception {
        StoredExports exports = stored(1_000_000, (run, format, out) -> {
            out.write(new byte[60]);
            if (writes.incrementAndGet() == 1) {
                throw new IOException("No space left on device");
            }
        });

        assertThat(exports.get(run(1), ExportFormat.CSV)).isEmpty();
        assertThat(files()).isEmpty();

        assertThat(exports.get(run(1), ExportFormat.CSV)).get().extracting(StoredExports.Stored::size).isEqualTo(60L);
        assertThat(files()).containsExactly("run-1.csv");
    }

    @Test
    void aWriteThatFailedIsNotTriedAgainBeforeItsRetryTimeSoAFullDiskCostsOneReadOfTheRun() throws Exception {
        StoredExports exports = new StoredExports(StoredExportFolder.open(dir), 1_000_000, Duration.ofHours(1),
                (run, format, out) -> {
                    writes.incrementAndGet();
                    throw new IOException("No space left on device");
                });

        assertThat(exports.get(run(1), ExportFormat.JSON)).isEmpty();
        assertThat(exports.get(run(1), ExportFormat.JSON)).isEmpty();
        assertThat(exports.get(run(2), ExportFormat.JSON)).isEmpty();

        assertThat(writes).hasValue(2); // once per run and format
        assertThat(files()).isEmpty();
    }

    @Test
    void aRunRemovedByRetentionLosesItsStoredExports() throws Exception {
        StoredExports exports = stored(1_000_000, bytes(10));
        exports.get(run(1), ExportFormat.CSV);
        exports.get(run(1), ExportFormat.JSON);
        exports.get(run(2), ExportFormat.CSV);

        exports.drop(1);

        assertThat(files()).containsExactly("run-2.csv");
    }

    @Test
    void aConfiguredFolderIsEmptiedOfWhatAnEarlierServeLeftAndAPrivateOneIsRemovedAtShutdown() throws Exception {
        Files.writeString(dir.resolve("run-1.csv"), "left by a serve killed with -9");
        Files.writeString(dir.resolve("run-1.json.part-1234"), "half written");
        Files.writeString(dir.resolve("notes.txt"), "not ours");
        StoredExportFolder.open(dir).close();
        assertThat(files()).containsExactly("notes.txt");

        StoredExports exports = new StoredExports(StoredExportFolder.open(null), 1000, Duration.ZERO, bytes(10));
        Path file = exports.get(run(1), ExportFormat.CSV).orElseThrow().file();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        exports.close();

        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void jsonAndOcsfExportsLargerThanTheBoundAreStreamedOnEveryDownloadLoggedOnceAndNotTriedAgain() throws Exception {
        // Jackson 3 throws the stream's refusal on wrapped in an unchecked JacksonIOException
        StoredExports exports = stored(1000, (run, format, out) -> {
            writes.incrementAndGet();
            try (JsonGenerator json = JsonFactory.builder().build().createGenerator(ObjectWriteContext.empty(), out)) {
                json.writeStartArray();
                for (int i = 0; i < 10_000; i++) {
                    json.writeString("finding " + i);
                }
                json.writeEndArray();
            }
        });

        // the class's own log events, at INFO: what an earlier test class's Spring context left of the logging
        // configuration in the same JVM hid the line from captured standard output once (CI)
        Logger logger = (Logger) LoggerFactory.getLogger(StoredExports.class);
        Level level = logger.getLevel();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        logger.setLevel(Level.INFO);
        try {
            for (ExportFormat format : List.of(ExportFormat.JSON, ExportFormat.OCSF)) {
                assertThat(exports.get(run(1), format)).isEmpty();
                assertThat(exports.get(run(1), format)).isEmpty();
                assertThat(messages(log)).containsOnlyOnce("The " + format + " export of run 1 is larger than"
                        + " audit.portal.export-cache.max-size; it is streamed from the database on every download");
            }
        } finally {
            logger.setLevel(level);
            logger.detachAppender(log);
        }

        assertThat(writes).hasValue(2); // once per format, although a failed write would be retried at once here
        assertThat(messages(log)).doesNotContain("could not be stored");
        assertThat(files()).isEmpty();
    }

    private static String messages(ListAppender<ILoggingEvent> log) {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
    }

    @Test
    void aConfiguredFolderLosesOnlyTheFilesThisPortalNamesNeverAFolderNorALinkOrItsTarget() throws Exception {
        Path elsewhere = Files.writeString(Files.createTempFile("not-in-the-folder", ".csv"), "someone else's");
        Files.createSymbolicLink(dir.resolve("run-4.json"), elsewhere);
        Files.createDirectories(dir.resolve("run-x"));
        Files.writeString(dir.resolve("run-x").resolve("report.pdf"), "not ours");
        Files.createDirectories(dir.resolve("run-3.csv"));
        List<String> others = List.of("run-5.csv.bak", "run-6.CSV", "run-.csv", "run-1.xlsx", "run-1.csv.part-",
                "run-1.csv.part-x1", "run-1234.part", "backup-run-1.csv");
        for (String name : others) {
            Files.writeString(dir.resolve(name), "not ours");
        }
        Files.writeString(dir.resolve("run-1.csv"), "ours");
        Files.writeString(dir.resolve("run-2.ocsf"), "ours");
        Files.writeString(dir.resolve("run-2.ocsf.part-9223372036854775808"), "ours, half written");

        StoredExportFolder.open(dir).close();

        List<String> left = new ArrayList<>(others);
        left.addAll(List.of("run-4.json", "run-x", "run-3.csv"));
        assertThat(files()).containsExactlyInAnyOrderElementsOf(left);
        assertThat(dir.resolve("run-x").resolve("report.pdf")).exists();
        assertThat(elsewhere).hasContent("someone else's");
        Files.delete(elsewhere);
    }

    @Test
    void aDownloadPastTheWaitStreamsWhileTheFileIsWrittenInTheBackgroundForTheNextOne() throws Exception {
        CountDownLatch slowDatabase = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        StoredExports exports = new StoredExports(StoredExportFolder.open(dir), 1_000_000, Duration.ZERO,
                Duration.ofMillis(200), (run, format, out) -> {
                    writes.incrementAndGet();
                    writers.add(Thread.currentThread());
                    await(slowDatabase);
                    out.write(new byte[100]);
                });

        long started = System.nanoTime();
        assertThat(exports.get(run(1), ExportFormat.OCSF)).isEmpty();
        assertThat(exports.get(run(1), ExportFormat.OCSF)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        slowDatabase.countDown();

        assertThat(exports.get(run(1), ExportFormat.OCSF)).get().extracting(StoredExports.Stored::size)
                .isEqualTo(100L);
        assertThat(writes).hasValue(1);
        assertThat(files()).containsExactly("run-1.ocsf");
        assertThat(writers).singleElement().matches(Thread::isDaemon)
                .extracting(Thread::getName).asString().startsWith("stored-export-");
    }

    private StoredExports stored(long maxBytes, StoredExports.Writer writer) {
        return new StoredExports(StoredExportFolder.open(dir), maxBytes, Duration.ZERO, writer);
    }

    private StoredExports.Writer bytes(int size) {
        return (run, format, out) -> {
            writes.incrementAndGet();
            out.write(new byte[size]);
        };
    }

    private List<String> files() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    private static AuditRun run(long id) {
        Instant at = Instant.parse("2026-11-29T02:00:00Z");
        return new AuditRun(id, at, "synthetic", false, AuditRun.RunStatus.COMPLETED, at, at, 1, 1, 0, 1, "p",
                "policy", "test", null, null, null, false, null, null);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
