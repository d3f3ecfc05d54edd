package ai.kubiya.secretaudit.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One stretch of load (the portal alone, or while a run is writing) and what the auditors measured in it: each page's
 * time from request to last byte, the bytes of downloads received within the stretch, failures. Bounded twice: it
 * ends at its deadline or when its request budget is spent, whichever comes first.
 */
final class LoadPhase {

    final String name;
    private final long deadlineNanos;
    private final AtomicLong budget;
    private final long startNanos = System.nanoTime();
    private volatile long endNanos;
    /**
     * Core-seconds over the phase, set by the caller: the portal's JVM, the PostgreSQL processes of its sessions
     * ({@link DatabaseSessionsCpu}), this bench's JVM, the whole machine.
     */
    double portalCpuSeconds = Double.NaN;
    double portalDatabaseCpuSeconds = Double.NaN;
    double clientCpuSeconds = Double.NaN;
    double machineCpuSeconds = Double.NaN;

    private final List<Long> findingsPages = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> runPages = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong downloadedBytes = new AtomicLong();
    private final AtomicLong downloadsCompleted = new AtomicLong();
    private final AtomicLong downloadsCutOff = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final List<String> failureSamples = Collections.synchronizedList(new ArrayList<>());

    LoadPhase(String name, long maxSeconds, long maxRequests) {
        this.name = name;
        this.deadlineNanos = startNanos + maxSeconds * 1_000_000_000L;
        this.budget = new AtomicLong(maxRequests);
    }

    boolean running() {
        return endNanos == 0 && System.nanoTime() < deadlineNanos && budget.get() > 0;
    }

    /** Takes one request from the budget; false once the phase is over. */
    boolean request() {
        return running() && budget.decrementAndGet() >= 0;
    }

    void end() {
        if (endNanos == 0) {
            endNanos = Math.min(System.nanoTime(), deadlineNanos);
        }
    }

    double seconds() {
        return ((endNanos == 0 ? System.nanoTime() : endNanos) - startNanos) / 1e9;
    }

    void findingsPage(long nanos) {
        findingsPages.add(nanos);
    }

    void runPage(long nanos) {
        runPages.add(nanos);
    }

    /** Bytes of a download arriving: counted while the phase runs, so throughput is over the phase's own time. */
    void downloaded(long bytes) {
        if (endNanos == 0) {
            downloadedBytes.addAndGet(bytes);
        }
    }

    void download(boolean completed) {
        (completed ? downloadsCompleted : downloadsCutOff).incrementAndGet();
    }

    void failure(String what) {
        if (failures.incrementAndGet() <= 5) {
            failureSamples.add(what);
        }
    }

    String markdownRow() {
        List<Long> pages = sorted(findingsPages);
        List<Long> run = sorted(runPages);
        return String.format(Locale.ROOT, "| %s | %.0f | %,d | %s | %s | %s | %s | %,d | %s | %,.1f"
                        + " | %,d (+%,d cut off at the end) | %,d | %.2f | %.2f | %.2f | %.2f | %.2f |", name, seconds(),
                pages.size(), millis(pages, 0.50), millis(pages, 0.95), millis(pages, 0.99),
                millis(pages, 1.0), run.size(), millis(run, 0.99), downloadedBytes.get() / 1e6 / seconds(),
                downloadsCompleted.get(), downloadsCutOff.get(), failures.get(), portalCpuSeconds / seconds(),
                portalDatabaseCpuSeconds / seconds(), clientCpuSeconds / seconds(),
                (machineCpuSeconds - portalCpuSeconds - portalDatabaseCpuSeconds - clientCpuSeconds) / seconds(),
                machineCpuSeconds / seconds());
    }

    static String markdownHeader() {
        return "| phase | s | findings pages | p50 ms | p95 ms | p99 ms | max ms | run pages | run page p99 ms"
                + " | downloads MB/s (total) | downloads | failures | cores busy: portal JVM"
                + " | the portal's PostgreSQL sessions | the auditors (bench JVM) | the rest (job, its PostgreSQL)"
                + " | machine |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    }

    List<String> failureSamples() {
        return List.copyOf(failureSamples);
    }

    double findingsP99Millis() {
        List<Long> pages = sorted(findingsPages);
        return pages.isEmpty() ? Double.NaN : percentile(pages, 0.99) / 1e6;
    }

    double downloadMegabytesPerSecond() {
        return downloadedBytes.get() / 1e6 / seconds();
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> copy;
        synchronized (values) {
            copy = new ArrayList<>(values);
        }
        Collections.sort(copy);
        return copy;
    }

    /** Nearest rank: the smallest value with at least {@code q} of all values at or below it. */
    private static long percentile(List<Long> sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String millis(List<Long> sorted, double q) {
        return sorted.isEmpty() ? "–" : String.format(Locale.ROOT, "%.0f", percentile(sorted, q) / 1e6);
    }
}
