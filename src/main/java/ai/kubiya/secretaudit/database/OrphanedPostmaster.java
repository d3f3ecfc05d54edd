package ai.kubiya.secretaudit.database;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run that died ({@code kill -9}, OOM) may have left on the data folder, cleared before the next start.
 * The embedded library holds an exclusive lock on {@code epg-lock} in the data folder for as long as its JVM
 * uses the server; when that lock can be taken, no live run owns what {@code postmaster.pid} names:
 * <ul>
 * <li>the server itself, if its watchdog could not stop it: stopped (a smart shutdown: its client is gone);
 * <li>a PID that now belongs to another process: PostgreSQL refuses to start while the PID in its pid file is
 * alive, so the stale file would block every later start; it is removed (the other process is left alone);
 * <li>a PID that is gone: PostgreSQL removes such a file by itself.
 * </ul>
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private OrphanedPostmaster() {
    }

    static void clear(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        try (FileChannel lock = FileChannel.open(dataDir.resolve("epg-lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = lock.tryLock()) {
            if (held != null) { // else a live run uses this server
                clearUnowned(dataDir, pidFile);
            }
        } catch (OverlappingFileLockException e) {
            // this JVM already holds it: not an orphan
        }
    }

    private static void clearUnowned(Path dataDir, Path pidFile) throws IOException {
        OptionalLong pid = pid(pidFile);
        Optional<ProcessHandle> process = pid.isPresent()
                ? ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive) : Optional.empty();
        if (pid.isPresent() && process.isEmpty()) {
            return;
        }
        if (process.isPresent() && PostmasterProcess.serves(process.get(), dataDir)) {
            stop(process.get(), dataDir);
            return;
        }
        log.warn("Removing the stale postmaster.pid in {}: {}", dataDir, pid.isEmpty() ? "it names no process"
                : "its PID " + pid.getAsLong() + " now belongs to another process, which is left alone");
        Files.delete(pidFile);
    }

    private static void stop(ProcessHandle server, Path dataDir) throws IOException {
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
    }

    /** The first line of the pid file; empty when it has none (a start that crashed before writing it). */
    private static OptionalLong pid(Path pidFile) throws IOException {
        List<String> lines = Files.readAllLines(pidFile);
        try {
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).trim()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
