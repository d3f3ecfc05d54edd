package ai.kubiya.secretaudit.bench;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link PortalLoad}'s figures as Markdown ({@code bench/PORTAL-LOAD.md}), with the verdict on each target of issue 17. */
final class Report {

    static final double P99_TARGET_MS = 500;
    static final double DOWNLOAD_TARGET_MB_S = 50;
    static final double SLOWDOWN_TARGET_PERCENT = 20;

    private final int size;
    private final int auditors;
    private final int downloaders;
    private final String maxHeap;
    private final int portalNice;
    private final int clientNice;
    long findings;
    long workbookBytes;
    String loadBefore;
    String loadAfter;
    /** The job alone, each in its own copy of the same database; compared by their median. */
    final List<SharedDatabaseJob.Result> baselines = new ArrayList<>();
    SharedDatabaseJob.Result withLoad;
    LoadPhase portalAlone;
    LoadPhase loaded;

    Report(int size, int auditors, int downloaders, String maxHeap, int portalNice, int clientNice) {
        this.portalNice = portalNice;
        this.clientNice = clientNice;
        this.size = size;
        this.auditors = auditors;
        this.downloaders = downloaders;
        this.maxHeap = maxHeap;
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# The portal under load\n\n");
        md.append(String.format(Locale.ROOT, "Measured %s UTC by `bench/portal-load.sh --size=%d`"
                        + " (`ai.kubiya.secretaudit.bench.PortalLoad`); method in docs/performance.md#the-portal-under-load."
                        + " %d auditors, each signed in with their own session: %d page findings, %d download."
                        + " The run they look at (a second night): %,d findings, workbook %,.0f MB; the job alone and"
                        + " the job under the load are the same third night, each run in its own copy of the database."
                        + " Job and portal `-Xmx%s`; %s."
                        + " Load average (1 min) %s before the baseline, %s at the end.%n%n",
                LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")), size,
                auditors, auditors - downloaders, downloaders, findings, workbookBytes / 1e6, maxHeap,
                (portalNice > 0 ? "the portal under `nice -n " + portalNice + "` (`--portal-nice`)"
                        : "the portal at the job's CPU priority") + (clientNice > 0 ? ", the auditors' threads at nice "
                        + clientNice + " (`--client-nice`)" : ", the auditors at the job's CPU priority"), loadBefore,
                loadAfter));
        md.append(LoadPhase.markdownHeader());
        md.append(portalAlone.markdownRow()).append('\n');
        md.append(loaded.markdownRow()).append("\n\n");
        md.append("| job step | alone ms | under load ms | slowdown |\n|---|---:|---:|---:|\n");
        SharedDatabaseJob.Result alone = median();
        Set<String> steps = new LinkedHashSet<>(alone.stepMillis().keySet());
        steps.addAll(withLoad.stepMillis().keySet());
        for (String step : steps) {
            long before = alone.stepMillis().getOrDefault(step, 0L);
            long after = withLoad.stepMillis().getOrDefault(step, 0L);
            md.append(String.format(Locale.ROOT, "| %s | %,d | %,d | %s |%n", step, before, after,
                    percent(before, after)));
        }
        md.append(String.format(Locale.ROOT, "| **the job, JVM start to exit** | %,d | %,d | %s |%n%n",
                alone.wall().toMillis(), withLoad.wall().toMillis(),
                percent(alone.wall().toMillis(), withLoad.wall().toMillis())));
        md.append(String.format(Locale.ROOT, "The job's JVM used %.1f core-seconds alone and %.1f under the load; the"
                        + " machine kept %.2f cores busy on average while it ran alone and %.2f under the load.%n%n",
                alone.jobCpuSeconds(), withLoad.jobCpuSeconds(), cores(alone), cores(withLoad)));
        md.append(String.format(Locale.ROOT, "The job alone, %d runs from the same rows: %s s; the table and the"
                        + " slowdown compare with their median.%n%n", baselines.size(),
                baselines.stream().map(run -> String.format(Locale.ROOT, "%.1f", run.wall().toMillis() / 1e3))
                        .collect(Collectors.joining(", "))));
        verdicts(md, alone);
        return md.toString();
    }

    /** The baseline of median time (the lower middle of an even count). */
    private SharedDatabaseJob.Result median() {
        List<SharedDatabaseJob.Result> sorted = new ArrayList<>(baselines);
        sorted.sort(Comparator.comparing(SharedDatabaseJob.Result::wall));
        return sorted.get((sorted.size() - 1) / 2);
    }

    private void verdicts(StringBuilder md, SharedDatabaseJob.Result alone) {
        double p99 = loaded.findingsP99Millis();
        double rate = loaded.downloadMegabytesPerSecond();
        double slowdown = 100.0 * (withLoad.wall().toMillis() - alone.wall().toMillis()) / alone.wall().toMillis();
        md.append(String.format(Locale.ROOT, "- p99 of a findings page while the job runs: %.0f ms (target ≤ %.0f): %s%n",
                p99, P99_TARGET_MS, p99 <= P99_TARGET_MS ? "met" : "**missed**"));
        md.append(String.format(Locale.ROOT, "- downloads, total, while the job runs: %.1f MB/s (target ≥ %.0f): %s%n",
                rate, DOWNLOAD_TARGET_MB_S, rate >= DOWNLOAD_TARGET_MB_S ? "met" : "**missed**"));
        md.append(String.format(Locale.ROOT, "- the job slowed by %.1f %% (target ≤ %.0f %%): %s%n", slowdown,
                SLOWDOWN_TARGET_PERCENT, slowdown <= SLOWDOWN_TARGET_PERCENT ? "met" : "**missed**"));
        if (loaded.seconds() * 1000 < withLoad.wall().toMillis() - 1000) {
            md.append("- the load stopped before the job ended (--max-seconds or --max-requests): the slowdown"
                    + " understates it\n");
        }
        for (LoadPhase phase : new LoadPhase[] {portalAlone, loaded}) {
            phase.failureSamples().forEach(f -> md.append("- failure (").append(phase.name).append("): ").append(f)
                    .append('\n'));
        }
    }

    private static double cores(SharedDatabaseJob.Result job) {
        return job.machineCpuSeconds() / (job.wall().toMillis() / 1e3);
    }

    private static String percent(long before, long after) {
        return before == 0 ? "–" : String.format(Locale.ROOT, "%+.0f %%", 100.0 * (after - before) / before);
    }
}
