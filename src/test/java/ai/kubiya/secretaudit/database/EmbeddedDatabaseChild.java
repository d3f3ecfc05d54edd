package ai.kubiya.secretaudit.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded database in a JVM of its own, on the build's class path, so that a test can kill it the way a
 * run dies: it starts {@link EmbeddedDatabase} on the data folder given, prints {@code ready <postmaster pid>
 * <watchdog pid>} and waits to be killed.
 */
class EmbeddedDatabaseChild {

    public static void main(String[] arguments) throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(arguments[0]), Path.of(arguments[1]));
        long postmaster = Long.parseLong(Files.readAllLines(database.dataDir().resolve("postmaster.pid")).get(0));
        System.out.println("ready " + postmaster + " " + database.watchdogPid());
        System.out.flush();
        Thread.sleep(TimeUnit.MINUTES.toMillis(10));
    }

    /** Starts one and waits until its server is up; returns the child, its postmaster and its watchdog. */
    static Started start(Path dataDir, Path binaries, Path log) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                EmbeddedDatabaseChild.class.getName(), dataDir.toString(), binaries.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (child.isAlive() && System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith("ready ")) {
                    String[] pids = line.split(" ");
                    return new Started(child, Long.parseLong(pids[1]), Long.parseLong(pids[2]));
                }
            }
            Thread.sleep(50);
        }
        child.destroyForcibly();
        throw new IllegalStateException("the child's embedded database did not start: " + Files.readString(log));
    }

    record Started(Process jvm, long postmaster, long watchdog) {
    }
}
