package ai.kubiya.secretaudit.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lowers the CPU weight of some of this JVM's threads (Linux): each thread has its own nice value, and threads they
 * start inherit it. The bench's auditors stand for browsers on other machines; {@code --client-nice} keeps them from
 * taking the cores the job they measure needs, at the price of their own measured times (a page counts from request to
 * last byte read by a thread that may wait for a core: if anything, pessimistic).
 */
final class Niceness {

    private Niceness() {
    }

    /** Threads whose Linux name (Java's name, first 15 characters) starts with one of {@code prefixes}. */
    static int lower(int niceness, String... prefixes) throws IOException, InterruptedException {
        if (niceness <= 0) {
            return 0;
        }
        int lowered = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String name;
                try {
                    name = Files.readString(task.resolve("comm")).strip();
                } catch (IOException ended) {
                    continue;
                }
                for (String prefix : prefixes) {
                    if (name.startsWith(prefix)) {
                        // renice -p on a thread id sets that thread's nice value only
                        Process renice = new ProcessBuilder("renice", "-n", Integer.toString(niceness), "-p",
                                task.getFileName().toString()).redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                        if (renice.waitFor() == 0) {
                            lowered++;
                        }
                        break;
                    }
                }
            }
        }
        return lowered;
    }
}
