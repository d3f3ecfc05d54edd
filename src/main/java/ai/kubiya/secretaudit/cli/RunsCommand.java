package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.finding.RunTotals;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRunRepository;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "Lists past audit runs, newest first.")
class RunsCommand implements Callable<Integer> {

    private static final List<String> HEADERS =
            List.of("RUN", "AS OF", "STATUS", "READ", "MALFORMED", "FINDINGS", "DRY RUN", "POLICY", "SOURCE");
    /** The counts are right-aligned, as numbers are read. */
    private static final List<Integer> NUMBER_COLUMNS = List.of(0, 3, 4, 5);

    @Spec
    CommandSpec spec;

    @Option(names = "--limit", defaultValue = "50", description = "How many runs to list (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "The same runs as a JSON array, one object per run, for scripts.")
    boolean json;

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be 1 or more (was " + limit + ")");
        }
        // a script reads stdout as one JSON document: the console log (the embedded database's start line, say)
        // keeps to warnings and errors
        Map<String, Object> properties = json ? Map.of("logging.threshold.console", "WARN") : Map.of();
        try (ConfigurableApplicationContext context = ApplicationContexts.start(properties)) {
            List<AuditRun> runs = context.getBean(AuditRunRepository.class).latest(limit);
            // the counts the run's summary printed and its metrics carry, a failed run's included (its row has none)
            Map<Long, RunTotals.Counts> counts = context.getBean(RunTotals.class)
                    .counts(runs.stream().map(AuditRun::id).toList());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(JsonMapper.shared().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(runs.stream().map(run -> asJson(run, counts.get(run.id()))).toList()));
            } else {
                table(runs, counts).forEach(out::println);
            }
            out.flush();
            return ExitCodes.COMPLETED;
        }
    }

    /** Each column as wide as its widest value: an as-of with nanoseconds is 30 characters, a date 20. */
    static List<String> table(List<AuditRun> runs, Map<Long, RunTotals.Counts> counts) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADERS);
        runs.forEach(run -> rows.add(cells(run, counts.get(run.id()))));
        int[] widths = new int[HEADERS.size()];
        rows.forEach(row -> {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        });
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < widths.length; c++) {
                boolean last = c == widths.length - 1;
                String cell = row.get(c);
                String padding = " ".repeat(last ? 0 : widths[c] - cell.length());
                line.append(NUMBER_COLUMNS.contains(c) ? padding + cell : cell + padding).append(last ? "" : "  ");
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static List<String> cells(AuditRun run, RunTotals.Counts counts) {
        return List.of(String.valueOf(run.id()), run.asOf().toString(), run.status().name(),
                String.valueOf(counts.read()), String.valueOf(counts.malformed()), String.valueOf(counts.findings()),
                run.dryRun() ? "yes" : "no", String.valueOf(run.policyVersion()), run.source());
    }

    private static Map<String, Object> asJson(AuditRun run, RunTotals.Counts counts) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("run", run.id());
        fields.put("as_of", run.asOf().toString());
        fields.put("status", run.status().name());
        fields.put("read", counts.read());
        fields.put("malformed", counts.malformed());
        fields.put("findings", counts.findings());
        fields.put("dry_run", run.dryRun());
        fields.put("policy", run.policyVersion());
        fields.put("source", run.source());
        return fields;
    }
}
