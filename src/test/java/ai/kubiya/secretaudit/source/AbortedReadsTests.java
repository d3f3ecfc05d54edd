package ai.kubiya.secretaudit.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kubiya.secretaudit.source.controlplane.ControlPlaneConnection;
import ai.kubiya.secretaudit.source.controlplane.ControlPlaneProperties;
import ai.kubiya.secretaudit.source.json.FileSecretSource;
import ai.kubiya.secretaudit.support.RawHttpServer;
import ai.kubiya.secretaudit.support.RawHttpServer.Mode;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

/**
 * Reads that never end by themselves — a FIFO nobody writes, a body of endless whitespace, a body that drips
 * faster than the read timeout — end when another thread aborts them ({@link SourceReads#abort}), with the
 * reason, and never as the end of the inventory.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // a regression hangs: fail instead
class AbortedReadsTests {

    private static final Instant AS_OF = Instant.parse("2026-11-26T02:00:00Z");
    private static final String REASON = "the run exceeded audit.run.deadline (3s)";

    final SourceReads reads = new SourceReads();

    @TempDir
    Path directory;

    @Test
    void aFifoThatNobodyOpensForWritingIsEndedByAnAbort() throws Exception {
        // given: the reader blocks in open(2), before there is any stream to close
        FileSecretSource source = new FileSecretSource(fifo(), reads);

        // when / then
        assertAbortEnds(() -> source.open(AS_OF).hasNext());
    }

    @Test
    void aFifoWhoseWriterFallsSilentIsEndedByAnAbort() throws Exception {
        // given: a writer that sends the start of an array and then nothing, keeping the FIFO open
        Path fifo = fifo();
        CountDownLatch done = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write("[{\"name\": \"first\"},".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                done.await();
            } catch (Exception ignored) {
                // the reader went away
            }
        });
        writer.start();
        SecretCursor cursor = new FileSecretSource(fifo, reads).open(AS_OF);
        assertThat(cursor.next().name()).isEqualTo("first");

        // when / then
        try {
            assertAbortEnds(cursor::hasNext);
        } finally {
            done.countDown();
            cursor.close();
        }
    }

    @Test
    void aBodyOfEndlessWhitespaceIsEndedByAnAbort() throws Exception {
        try (RawHttpServer server = new RawHttpServer(Mode.ENDLESS_WHITESPACE)) {
            assertAbortEnds(() -> controlPlane(server).open(AS_OF).hasNext());
        }
    }

    @Test
    void aBodyThatDripsFasterThanTheReadTimeoutIsEndedByAnAbort() throws Exception {
        // given: one byte every 100 ms, a read timeout of 1 s that never fires
        try (RawHttpServer server = new RawHttpServer(Mode.DRIP)) {
            assertAbortEnds(() -> controlPlane(server).open(AS_OF).hasNext());
        }
    }

    @Test
    void aReadOpeningAFifoIsStillEndedByAnAbortAfterAnotherReadOfTheSamePathHasOpened() throws Exception {
        // given: a read blocked opening the FIFO at a path …
        Path path = fifo();
        CompletableFuture<Boolean> first = blocked(() -> new FileSecretSource(path, reads).open(AS_OF).hasNext());

        // … and a second read of the same path that opens and ends meanwhile (a file there for that moment; the
        // first stays blocked on the FIFO's inode): before, it took the path off the list of reads to wake
        Path away = directory.resolve("moved.fifo");
        Files.move(path, away);
        Files.writeString(path, "[]");
        try (SecretCursor second = new FileSecretSource(path, reads).open(AS_OF)) {
            assertThat(second.hasNext()).isFalse();
        }
        Files.delete(path);
        Files.move(away, path);

        // when / then
        assertAbortEnds(first);
    }

    @Test
    void readsStartedAfterAnAbortAreRefusedUntilAllowedAgain() throws Exception {
        // given
        Path file = directory.resolve("secrets.json");
        Files.writeString(file, "[{\"name\": \"a\"}]");
        FileSecretSource source = new FileSecretSource(file, reads);
        reads.abort(REASON);

        // when / then
        assertThatThrownBy(() -> source.open(AS_OF)).isInstanceOf(SourceException.class).hasMessageContaining(REASON)
                .hasRootCauseInstanceOf(ReadAbortedException.class);
        reads.allow();
        try (SecretCursor cursor = source.open(AS_OF)) {
            assertThat(cursor.next().name()).isEqualTo("a");
        }
    }

    @Test
    void anAbortedReadStopsTheStepInsteadOfFailingIt() throws Exception {
        // given: the evaluate step's reader opening a FIFO that nobody writes
        SecretItemReader reader = new SecretItemReader(new FileSecretSource(fifo(), reads), AS_OF);
        CompletableFuture<Void> opening = CompletableFuture.runAsync(() -> reader.open(new ExecutionContext()));
        Thread.sleep(300);

        // when
        reads.abort(REASON);

        // then: Spring Batch ends a step STOPPED when the cause of its failure is a JobInterruptedException
        assertThatThrownBy(() -> opening.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ItemStreamException.class)
                .cause().isInstanceOf(JobInterruptedException.class).hasMessage(REASON);
    }

    /** The read blocks until aborted from this thread, then fails with the reason, within a second or so. */
    private void assertAbortEnds(java.util.concurrent.Callable<Boolean> read) throws Exception {
        assertAbortEnds(blocked(read));
    }

    /** The read, started on another thread, and blocked there. */
    private static CompletableFuture<Boolean> blocked(java.util.concurrent.Callable<Boolean> read) throws Exception {
        CompletableFuture<Boolean> reading = CompletableFuture.supplyAsync(() -> {
            try {
                return read.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        Thread.sleep(500);
        assertThat(reading).as("the read is blocked").isNotDone();
        return reading;
    }

    private void assertAbortEnds(CompletableFuture<Boolean> reading) throws Exception {
        long aborted = System.nanoTime();
        assertThat(reads.abort(REASON)).as("a read was open to abort").isTrue();

        assertThatThrownBy(() -> reading.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SourceException.class)
                .hasMessageContaining(REASON)
                .hasRootCauseInstanceOf(ReadAbortedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - aborted)).isLessThan(Duration.ofSeconds(3));
    }

    private Path fifo() throws Exception {
        Path fifo = directory.resolve("secrets.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available here");
        return fifo;
    }

    private SecretSource controlPlane(RawHttpServer server) {
        ControlPlaneProperties settings = new ControlPlaneProperties("kubiya-test-key-aborts", server.baseUrl(),
                Duration.ofSeconds(2), Duration.ofSeconds(1), 1, Duration.ofMillis(10), Duration.ofMillis(10));
        return new ControlPlaneConnection(settings, "test", Clock.fixed(AS_OF, ZoneOffset.UTC), reads).source(false);
    }
}
