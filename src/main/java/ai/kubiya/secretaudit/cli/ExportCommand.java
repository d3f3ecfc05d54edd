package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.report.WorkbookStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes a past run's auditor workbook from PostgreSQL, checksum verified, to a regular file."
                + " Exit 0 written, 1 cannot be read or written, 2 usage (a bad --run, or an --out that exists).")
class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "ID|latest", description = "The run id, or 'latest'.")
    String run;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write the .xlsx: a new file, or with --force an existing regular file.")
    Path out;

    @Option(names = "--force", description = "Replace FILE if it exists (only ever a regular file).")
    boolean force;

    @Override
    public Integer call() {
        Optional<Long> runId = runId(run);
        ExportTarget target = ExportTarget.checked(out, force);
        try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
            WorkbookStore store = context.getBean(WorkbookStore.class);
            long id = runId.or(store::latest)
                    .orElseThrow(() -> new IllegalArgumentException("no completed run has a stored workbook"));
            WorkbookStore.Stored stored = store.load(id).orElseThrow(() -> new IllegalArgumentException("run " + id
                    + " has no stored workbook (no such run, or retention removed it: audit.retention.days)"));
            target.write(stored.content());
            spec.commandLine().getOut().printf("Run %d workbook written to %s (%d bytes, SHA-256 %s, verified)%n",
                    id, out, stored.content().length, stored.sha256());
            spec.commandLine().getOut().flush();
            return ExitCodes.COMPLETED;
        }
    }

    /** The run id, or empty for {@code latest}; checked before the database starts. */
    static Optional<Long> runId(String run) {
        String value = run.strip();
        if (value.equalsIgnoreCase("latest")) {
            return Optional.empty();
        }
        long id;
        try {
            id = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--run must be a run id (1 or more) or 'latest', not '" + run + "'");
        }
        if (id < 1) {
            throw new IllegalArgumentException("--run must be a run id (1 or more) or 'latest', not " + id);
        }
        return Optional.of(id);
    }
}
