package ai.kubiya.secretaudit.database;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Stops the server when this JVM ends, however it ends. PostgreSQL runs as a daemon of its own (in its own
 * session), so after a {@code kill -9} of the JVM it used to stay up, reachable, until the next run. The
 * watchdog is a {@code sh} child reading a pipe whose other end only this JVM holds (Java closes every other
 * descriptor in the processes it starts); the kernel closes that end when the JVM exits for any reason, the read
 * ends, and the watchdog sends the postmaster SIGINT, a fast shutdown (what {@code pg_ctl stop -m fast} sends),
 * if {@code postmaster.pid} still names it and, where {@code /proc} tells (Linux), it still runs in the data
 * folder — never a process that merely reused its PID. It ignores SIGHUP, SIGINT, SIGTERM and SIGQUIT, so that
 * Ctrl-C or a signal to the whole process group leaves it to do its work once the JVM is gone. After a normal
 * end the server is already stopped and the pid file gone, so it just exits. (SIGKILL sent to the whole group
 * kills it too: then the next start stops the server, see {@link OrphanedPostmaster}.)
 */
final class PostmasterWatchdog implements Closeable {

    private static final String SCRIPT = """
            trap '' HUP INT TERM QUIT
            cat >/dev/null
            [ "$(head -n 1 "$2/postmaster.pid" 2>/dev/null)" = "$1" ] || exit 0
            if [ -d /proc/self ]; then [ "$(readlink "/proc/$1/cwd")" = "$2" ] || exit 0; fi
            kill -INT "$1"
            """;

    private final Process watchdog;

    private PostmasterWatchdog(Process watchdog) {
        this.watchdog = watchdog;
    }

    /** Starts watching the server that runs on {@code dataDir} now. */
    static PostmasterWatchdog watch(Path dataDir) throws IOException {
        Path folder = dataDir.toRealPath();
        String pid = Files.readAllLines(folder.resolve("postmaster.pid")).get(0).trim();
        Process watchdog = new ProcessBuilder("/bin/sh", "-c", SCRIPT, "postmaster-watchdog", pid, folder.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new PostmasterWatchdog(watchdog);
    }

    long pid() {
        return watchdog.pid();
    }

    /** After the server was stopped: ends the watchdog, which then finds nothing to stop. */
    @Override
    public void close() throws IOException {
        watchdog.getOutputStream().close();
        try {
            watchdog.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
