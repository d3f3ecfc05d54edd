package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.finding.RunTotals;
import ai.kubiya.secretaudit.notify.MailCounts;
import ai.kubiya.secretaudit.notify.MailTransport;
import ai.kubiya.secretaudit.policy.Status;
import ai.kubiya.secretaudit.run.AuditRun;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.context.ApplicationContext;

/**
 * What {@code run} prints when it ends, every count read back from the database and labelled with what it counts:
 * secrets (read, evaluated, malformed; by worst status, as the workbook's Summary sheet counts them), findings (one
 * per failing rule of a secret, so more than secrets) by status and by lifecycle, emails, the workbook and its
 * SHA-256. The counts are {@link RunTotals}', as {@code runs} and the metrics read them, a failed run's included. With
 * structured console logging ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs|logstash}) it is one log event whose
 * fields carry the same counts, so the console stays JSON lines.
 */
record RunSummary(AuditRun run, RunTotals.Totals totals, MailCounts.RunMail emails, String mailTransport,
                  Map<String, MailCounts.RunMail> chat) {

    private static final Logger log = LoggerFactory.getLogger(RunSummary.class);
    /** The longest label, "  by worst status", and two spaces. */
    private static final int LABEL_WIDTH = 19;
    static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

    static RunSummary read(ApplicationContext context, AuditRun run) {
        MailCounts mail = context.getBean(MailCounts.class);
        return new RunSummary(run, context.getBean(RunTotals.class).of(run.id()), mail.runMail(run.id()),
                context.getBean(MailTransport.class).describe(), mail.runChat(run.id()));
    }

    /** As text on {@code out}, or as one structured log event when the console logs JSON. */
    void report(PrintWriter out, ApplicationContext context) {
        String structured = context.getEnvironment().getProperty(STRUCTURED_CONSOLE);
        if (structured != null && !structured.isBlank()) {
            LoggingEventBuilder event = log.atInfo().setMessage(headline());
            fields().forEach(event::addKeyValue);
            event.log();
        } else {
            lines().forEach(out::println);
            out.flush();
        }
    }

    String headline() {
        return String.format("Run %d %s (as of %s, source %s%s)", run.id(), run.status(), run.asOf(), run.source(),
                run.dryRun() ? ", dry run" : "");
    }

    List<String> lines() {
        RunTotals.Counts counts = totals.counts();
        List<String> lines = new ArrayList<>();
        lines.add(headline());
        lines.add(labelled("Secrets", String.format("read %d, evaluated %d, malformed %d", counts.read(),
                counts.evaluated(), counts.malformed())));
        lines.add(labelled("  by worst status", joined(totals.secretsByWorstStatus())));
        lines.add(labelled("Findings", counts.findings() + " (one per failing rule of a secret)"));
        lines.add(labelled("  by status", joined(totals.findingsByStatus())));
        lines.add(labelled("  by lifecycle", joinedLifecycle(totals.lifecycle())));
        lines.add(labelled("Emails", run.dryRun() ? "none (dry run)"
                : String.format("queued %d, sent %d, failed %d (%s)", emails.queued(), emails.sent(), emails.failed(),
                mailTransport)));
        if (!chat.isEmpty()) {
            List<String> services = new ArrayList<>();
            chat.forEach((service, n) -> services.add(String.format("%s queued %d, sent %d, failed %d", service,
                    n.queued(), n.sent(), n.failed())));
            lines.add(labelled("Chat", String.join("; ", services)));
        }
        if (run.workbookPath() != null) {
            lines.add(labelled("Workbook", run.workbookPath()));
            lines.add(labelled("  SHA-256", run.workbookSha256()));
        }
        optional(lines, "Guard overridden", run.shrinkAccepted());
        optional(lines, "Retention", run.retention());
        optional(lines, "Failure", run.failure());
        return lines;
    }

    /** The same counts as fields, dotted names nested by the ECS format ({@code findings.by_status.EXPIRED}). */
    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("run.id", run.id());
        fields.put("run.status", run.status().name());
        fields.put("run.as_of", run.asOf().toString());
        fields.put("run.source", run.source());
        fields.put("run.dry_run", run.dryRun());
        RunTotals.Counts counts = totals.counts();
        fields.put("secrets.read", counts.read());
        fields.put("secrets.evaluated", counts.evaluated());
        fields.put("secrets.malformed", counts.malformed());
        totals.secretsByWorstStatus().forEach((status, n) -> fields.put("secrets.by_worst_status." + status, n));
        fields.put("findings.total", counts.findings());
        totals.findingsByStatus().forEach((status, count) -> fields.put("findings.by_status." + status, count));
        totals.lifecycle().forEach((name, count) -> fields.put("findings.by_lifecycle." + name, count));
        fields.put("emails.queued", emails.queued());
        fields.put("emails.sent", emails.sent());
        fields.put("emails.failed", emails.failed());
        fields.put("emails.transport", mailTransport);
        chat.forEach((service, n) -> {
            String prefix = "chat." + service.toLowerCase(Locale.ROOT) + '.';
            fields.put(prefix + "queued", n.queued());
            fields.put(prefix + "sent", n.sent());
            fields.put(prefix + "failed", n.failed());
        });
        putIfSet(fields, "workbook.path", run.workbookPath());
        putIfSet(fields, "workbook.sha256", run.workbookSha256());
        putIfSet(fields, "run.failure", run.failure());
        return fields;
    }

    /** Most severe first, as the workbook orders them; "none" rather than an empty line. */
    private static String joined(Map<Status, Long> counts) {
        List<String> parts = new ArrayList<>();
        Status[] statuses = Status.values();
        for (int i = statuses.length - 1; i >= 0; i--) {
            Long count = counts.get(statuses[i]);
            if (count != null) {
                parts.add(statuses[i] + " " + count);
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    private static String joinedLifecycle(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** Notes a run has only sometimes, as one sentence each (scripts grep for "Failure: "). */
    private static void optional(List<String> lines, String label, String value) {
        if (value != null) {
            lines.add(label + ": " + value);
        }
    }

    private static String labelled(String label, String text) {
        return String.format("%-" + LABEL_WIDTH + "s%s", label, text);
    }

    private static void putIfSet(Map<String, Object> fields, String key, String value) {
        if (value != null) {
            fields.put(key, value);
        }
    }
}
