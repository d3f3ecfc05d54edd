package ai.kubiya.secretaudit.bench;

import ai.kubiya.secretaudit.source.json.JsonInventoryReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders the measurements as {@code bench/RESULTS.md}: one table per size, then the verdicts on docs/performance.md#targets. */
final class Results {

    private static final String EVALUATE = "evaluateSecretsStep";
    private static final String LIFECYCLE = "trackLifecycleStep";
    private static final String QUEUE = "queueOwnerRemindersStep";
    private static final String SEND = "sendOwnerRemindersStep";
    private static final String REPORT = "writeAuditWorkbookStep";
    private static final String AUDITOR = "sendAuditorWorkbookStep";

    final List<SizeResult> sizes = new ArrayList<>();
    EvaluationThroughput.Score evaluation;
    List<JobProcess.Result> endToEnd;
    private final String maxHeap;
    private final boolean fromFile;
    private final String auditor;

    Results(String maxHeap, boolean fromFile, String auditor) {
        this.maxHeap = maxHeap;
        this.fromFile = fromFile;
        this.auditor = auditor;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Measured on ").append(LocalDate.now(ZoneOffset.UTC)).append(" by `bench/run.sh` (")
                .append("`ai.kubiya.secretaudit.bench.PipelineBenchmark`); see docs/performance.md.\n\n");
        md.append("- Machine: ").append(machine()).append('\n');
        md.append("- Job: `java ").append(sizes.isEmpty() || sizes.get(0).job == null ? "-Xmx" + maxHeap
                : String.join(" ", sizes.get(0).job.jvmFlags())).append(" -jar target/secret-rotation-audit.jar run --source=")
                .append(fromFile ? "file:inventory.json" : "synthetic:N").append(" --as-of=").append(PipelineBenchmark.AS_OF)
                .append("`, a fresh embedded PostgreSQL data folder per N, SMTP to GreenMail on 127.0.0.1 (started by")
                .append(" the harness and warmed up with ").append(String.format(Locale.ROOT, "%,d",
                        PipelineBenchmark.SMTP_WARM_UP)).append(" messages before the job, as a running mail server"
                        + " would be), ").append(auditor == null ? "no `audit.mail.auditors` (the default)"
                        : "`audit.mail.auditors` set to one address").append("; otherwise the default configuration")
                .append(" (`audit.chunk-size` 2,000). Owner reminders are sent by `queueOwnerRemindersStep` as"
                        + " soon as each is stored, so notify is one step's time, while baseline (c) + (d) is a sum."
                        + " Lifecycle and notify run at the same time, so the whole run is less than the sum of its"
                        + " rows.\n");
        md.append("- Baselines run in the harness JVM (default heap), right after the job, against the same")
                .append(" PostgreSQL data folder and the same SMTP server. Times are wall-clock; heap is the child")
                .append(" JVM's, from its GC log: the peak is the heap used just before the largest collection in")
                .append(" the stage (`≤` when no collection fell inside it: bounded by the next one), live is the")
                .append(" largest heap left after a collection.\n\n");
        if (evaluation != null) {
            md.append(String.format(Locale.ROOT, "**Rule evaluation (JMH, one thread, `RuleEvaluatorBenchmark`)**:"
                    + " %,.0f ± %,.0f secrets/s (`RuleEvaluator.evaluate` over %,d pre-generated synthetic secrets,"
                    + " 3 × 2 s warm-up, 5 × 2 s measured, 1 fork, -Xmx512m).%n%n", evaluation.score(),
                    evaluation.error(), RuleEvaluatorBenchmark.SECRETS));
        }
        for (SizeResult size : sizes) {
            table(md, size);
        }
        if (endToEnd != null) {
            md.append("### 1,000 secrets end to end, JVM start included\n\n| run | wall time | exit |\n|---|---|---|\n");
            String[] labels = {"first run: fresh data folder (initdb, migrations)", "second run a week later, same database"};
            for (int i = 0; i < endToEnd.size(); i++) {
                md.append(String.format(Locale.ROOT, "| %s | %.1f s | %d |%n", labels[i],
                        endToEnd.get(i).wall().toMillis() / 1e3, endToEnd.get(i).exitCode()));
            }
            md.append('\n');
        }
        targets(md);
        return md.toString();
    }

    private void table(StringBuilder md, SizeResult s) {
        JobProcess.Result job = s.job;
        md.append(String.format(Locale.ROOT, "## N = %,d%n%n", s.size));
        md.append(String.format(Locale.ROOT, "Run %s (exit %d%s): %,d evaluated, %,d findings, %,d owners with"
                        + " findings, %,d owner emails (average %,d bytes), auditor workbook %,d bytes; GreenMail received"
                        + " %,d messages from the job and %,d from the SMTP baseline. Inventory as JSON: %,d bytes, %,d tokens."
                        + " Load average (1 min) before → after: %s.%n%n",
                s.runStatus, job.exitCode(), job.outOfMemory() ? ", **OutOfMemoryError**" : "", s.evaluated, s.findings,
                s.owners, s.ownerEmails, s.averageEmailBytes, s.workbookBytes, s.receivedByServer, s.receivedByBaseline,
                s.inventoryBytes, s.jsonTokens, s.loadAverage));
        md.append("| stage | job | time | rate | peak heap | baseline, same run | time | rate | job ÷ baseline |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        double jackson = s.jacksonNanos / 1e6;
        row(md, "read + evaluate + persist", "`" + EVALUATE + "`", job.millis(EVALUATE), s.size, "secrets",
                job.heap(EVALUATE, EVALUATE), "(a) raw Jackson token loop over the same inventory as JSON", jackson, s.size,
                "secrets");
        row(md, "↳ persist only", "the job's `EvaluationWriter`, chunks of 2,000, one transaction each (harness JVM)",
                s.writer.nanos() / 1e6, s.writer.rows(), "rows", null,
                "(b) `COPY … FROM STDIN` of the same rows, empty tables with the same indexes and fillfactor", s.copy.nanos() / 1e6,
                s.copy.rows(), "rows");
        row(md, "↳ read only, `file:` source", "the job's `JsonInventoryReader` over the same JSON (harness JVM)",
                s.jsonReaderNanos / 1e6, s.size, "secrets", null, "(a) raw Jackson token loop", jackson, s.size, "secrets");
        row(md, "lifecycle", "`" + LIFECYCLE + "`", job.millis(LIFECYCLE), s.findings, "findings",
                job.heap(LIFECYCLE, LIFECYCLE), "—", -1, 0, "");
        long reportRows = s.rawWorkbook.rows();
        row(md, "report", "`" + REPORT + "` (auditor workbook, its SHA-256, stored in PostgreSQL"
                        + (auditor == null ? ")" : ", auditor email built)"),
                job.millis(REPORT), reportRows, "rows", job.heap(REPORT, REPORT),
                String.format(Locale.ROOT, "(c) raw SXSSF of the same cells (Findings, Inventory, Changes; %,d bytes)",
                        s.rawWorkbook.bytes()), s.rawWorkbook.nanos() / 1e6, reportRows, "rows");
        double floorMillis = (s.rawOwnerWorkbooks.nanos() + s.smtp.nanos()) / 1e6;
        row(md, "notify", "`" + QUEUE + "` + `" + SEND + "`", job.millis(QUEUE, SEND), job.queued(), "owners",
                job.heap(QUEUE, SEND), "(c) + (d) below: bare workbooks of the same cells, then a bare send",
                floorMillis, s.rawOwnerWorkbooks.rows(), "owners");
        row(md, "↳ queue", "`" + QUEUE + "` (owner workbook + MIME + outbox row, each sent as soon as it is stored)",
                job.millis(QUEUE), job.queued(),
                "owners", job.heap(QUEUE, QUEUE), String.format(Locale.ROOT, "(c) raw SXSSF of the same cells, one"
                        + " workbook per owner (%,d), default SXSSF, no styles, no MIME, no database writes",
                        s.rawOwnerWorkbooks.rows()), s.rawOwnerWorkbooks.nanos() / 1e6, s.rawOwnerWorkbooks.rows(),
                "owners");
        int leftToSend = job.delivered().size() > 1 ? job.delivered().get(1) : 0;
        row(md, "↳ send", "`" + SEND + "` (what the queue step left: earlier runs' retries, rows a crash left)",
                job.millis(SEND), leftToSend, "msgs", job.heap(SEND, SEND),
                String.format(Locale.ROOT, "(d) bare SMTP send of the same %,d messages over one connection",
                        s.smtp.messages()), s.smtp.nanos() / 1e6, s.smtp.messages(), "msgs");
        row(md, "auditor email", "`" + AUDITOR + "`", job.millis(AUDITOR), auditor == null ? 0 : 1, "msgs", job.heap(AUDITOR, AUDITOR), "—",
                -1, 0, "");
        md.append(String.format(Locale.ROOT, "| whole run | JVM start to exit | %s | %s | %s | | | | |%n%n",
                seconds(job.wall().toMillis()), rate(s.size, job.wall().toMillis(), "secrets"),
                job.heap().whole().describe() + (job.heap().fullCollections() > 0
                        ? ", " + job.heap().fullCollections() + " full GC(s)" : ", no full GC")));
    }

    private static void row(StringBuilder md, String stage, String what, double millis, long count, String unit,
                            HeapLog.Window heap, String baseline, double baselineMillis, long baselineCount,
                            String baselineUnit) {
        md.append("| ").append(stage).append(" | ").append(what).append(" | ").append(seconds(millis)).append(" | ")
                .append(rate(count, millis, unit)).append(" | ").append(heap == null ? "—" : heap.describe())
                .append(" | ").append(baseline).append(" | ");
        if (baselineMillis < 0) {
            md.append(" | | |\n");
            return;
        }
        md.append(seconds(baselineMillis)).append(" | ").append(rate(baselineCount, baselineMillis, baselineUnit))
                .append(" | ").append(String.format(Locale.ROOT, "%.2f×", millis / Math.max(baselineMillis, 0.001)))
                .append(" |\n");
    }

    private void targets(StringBuilder md) {
        md.append("## Targets (docs/performance.md#targets)\n\n| target | measured | met |\n|---|---|---|\n");
        if (evaluation != null) {
            md.append(String.format(Locale.ROOT, "| evaluation ≥ 1,000,000 secrets/s on one core | %,.0f secrets/s (JMH) | %s |%n",
                    evaluation.score(), verdict(evaluation.score() >= 1_000_000)));
        }
        for (SizeResult s : sizes) {
            double ratio = (double) s.writer.nanos() / s.copy.nanos();
            md.append(String.format(Locale.ROOT, "| persistence within 1.5× of COPY (N = %,d) | %.2f× (%s vs %s) | %s |%n",
                    s.size, ratio, seconds(s.writer.nanos() / 1e6), seconds(s.copy.nanos() / 1e6), verdict(ratio <= 1.5)));
        }
        for (SizeResult s : sizes) {
            double perSecond = s.job.queued() / (s.job.millis(QUEUE, SEND) / 1e3);
            md.append(String.format(Locale.ROOT, "| ≥ 200 owners/s notified with workbooks (N = %,d, %,d owners) | %,.0f owners/s | %s |%n",
                    s.size, s.job.queued(), perSecond, verdict(perSecond >= 200)));
        }
        for (SizeResult s : sizes) {
            if (s.size >= 1_000_000) {
                boolean ok = s.job.exitCode() == 0 && !s.job.outOfMemory();
                md.append(String.format(Locale.ROOT, "| %,d secrets end to end with -Xmx%s, no OutOfMemoryError | exit %d,"
                                + " %s, peak heap %s | %s |%n", s.size, maxHeap, s.job.exitCode(),
                        seconds(s.job.wall().toMillis()), s.job.heap().whole().describe(), verdict(ok)));
            }
        }
        if (endToEnd != null) {
            for (int i = 0; i < endToEnd.size(); i++) {
                double seconds = endToEnd.get(i).wall().toMillis() / 1e3;
                md.append(String.format(Locale.ROOT, "| 1,000 secrets, JVM start included, < 15 s (%s) | %.1f s | %s |%n",
                        i == 0 ? "fresh data folder" : "existing database", seconds, verdict(seconds < 15)));
            }
        }
        md.append('\n');
    }

    private static String verdict(boolean met) {
        return met ? "yes" : "**no**";
    }

    private static String seconds(double millis) {
        return millis < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f s", millis / 1e3);
    }

    private static String rate(long count, double millis, String unit) {
        return millis <= 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f %s/s", count / (millis / 1e3), unit);
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux: the core count and the JVM still say enough
        }
        return String.format(Locale.ROOT, "%d cores (%s), %,d MB RAM visible to the JVM, %s %s, %s %s",
                Runtime.getRuntime().availableProcessors(), cpu,
                ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean()).getTotalMemorySize() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.version"));
    }
}
