package ai.kubiya.secretaudit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a phase's CPU went: the machine's busy time from {@code /proc/stat} (all processes: the job, PostgreSQL, the
 * portal, this bench), and a process's own from its handle. Core-seconds; NaN where the platform does not tell.
 */
final class CpuClock {

    /** Linux's USER_HZ, the unit of {@code /proc/stat}: 100 on every architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private CpuClock() {
    }

    /** Busy core-seconds of the whole machine since boot: user, nice, system, irq, softirq, steal (not idle, iowait). */
    static double machine() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(cpu[field]);
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU core-seconds {@code process} has used so far. */
    static double of(ProcessHandle process) {
        return process.info().totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(Double.NaN);
    }
}
