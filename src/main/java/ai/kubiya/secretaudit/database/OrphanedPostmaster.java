package ai.kubiya.secretaudit.database;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server left running on the embedded data directory by a process that died ({@code kill -9},
 * OOM): the server is a daemon of its own, so it outlives the JVM that started it, keeps the data directory
 * and would make every later start fail. The embedded library holds an exclusive lock on {@code epg-lock} in
 * the data directory for as long as its JVM uses the server; when that lock can be taken, no live process
 * owns the server, and it is stopped (a smart shutdown: its client is gone) so that it can be started again.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private OrphanedPostmaster() {
    }

    /** Stops the server on {@code dataDir} if the process that started it is gone; does nothing otherwise. */
    static void stopIfOrphaned(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        Path lockFile = dataDir.resolve("epg-lock");
        if (!Files.exists(pidFile) || !Files.exists(lockFile)) {
            return;
        }
        try (RandomAccessFile lock = new RandomAccessFile(lockFile.toFile(), "rw");
             FileLock held = lock.getChannel().tryLock()) {
            if (held == null) {
                return; // a live process uses this server
            }
            Optional<ProcessHandle> postmaster = postmaster(pidFile);
            if (postmaster.isEmpty()) {
                return; // a stale pid file: PostgreSQL recovers from it by itself
            }
            ProcessHandle server = postmaster.get();
            log.warn("Stopping the PostgreSQL server (pid {}) left running on {} by a process that died",
                    server.pid(), dataDir);
            server.destroy(); // SIGTERM: smart shutdown
            try {
                server.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while stopping the orphaned PostgreSQL server", e);
            } catch (Exception e) {
                server.destroyForcibly();
                throw new IOException("the orphaned PostgreSQL server (pid " + server.pid() + ") on " + dataDir
                        + " did not stop within " + STOP_TIMEOUT.toSeconds() + " s", e);
            }
        } catch (java.nio.channels.OverlappingFileLockException e) {
            // this JVM already holds it: not an orphan
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
    }
}
