package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.export.ExportFormat;
import ai.kubiya.secretaudit.export.FindingsExport;
import ai.kubiya.secretaudit.report.WorkbookStore;
import ai.kubiya.secretaudit.run.AuditRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Writes a past run's auditor workbook from PostgreSQL, checksum verified, or its findings as"
                + " CSV, JSON or OCSF, to a regular file. Exit 0 written, 1 cannot be read or written, 2 usage"
                + " (a bad --run or --format, a run that did not complete, or an --out that exists).")
class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--run", required = true, paramLabel = "ID|latest", description = "The run id, or 'latest'.")
    String run;

    @Option(names = "--format", defaultValue = "xlsx", paramLabel = "xlsx|csv|json|ocsf",
            description = "xlsx: the stored workbook, byte for byte (default); csv, json, ocsf: the Findings,"
                    + " streamed from PostgreSQL.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Where to write: a new file, or with --force an existing regular file.")
    Path out;

    @Option(names = "--force", description = "Replace FILE if it exists (only ever a regular file).")
    boolean force;

    @Override
    public Integer call() {
        ExportFormat chosen = ExportFormat.of(format);
        Optional<Long> runId = runId(run);
        ExportTarget target = ExportTarget.checked(out, force, "audit." + chosen.extension());
        try (ConfigurableApplicationContext context = ApplicationContexts.start(Map.of())) {
            FindingsExport export = context.getBean(FindingsExport.class);
            long id = runId.or(export::latest)
                    .orElseThrow(() -> new IllegalArgumentException("no completed run has a stored workbook"));
            if (chosen == ExportFormat.XLSX) {
                writeWorkbook(export, id, target);
            } else {
                writeFindings(export, export.exportable(id), chosen, target);
            }
            spec.commandLine().getOut().flush();
            return ExitCodes.COMPLETED;
        }
    }

    /** Streamed, never whole in the heap: a million-secret workbook is ~260 MB. */
    private void writeWorkbook(FindingsExport export, long id, ExportTarget target) {
        AtomicReference<WorkbookStore.Checked> written = new AtomicReference<>();
        target.write(stream -> written.set(export.copyWorkbook(id, stream)));
        spec.commandLine().getOut().printf("Run %d workbook written to %s (%d bytes, SHA-256 %s, verified)%n",
                id, out, written.get().size(), written.get().sha256());
    }

    private void writeFindings(FindingsExport export, AuditRun audit, ExportFormat chosen, ExportTarget target) {
        target.write(stream -> export.write(audit, chosen, stream));
        spec.commandLine().getOut().printf("Run %d%s findings written to %s as %s (%d bytes)%n", audit.id(),
                audit.dryRun() ? " (a dry run)" : "", out, chosen.name().toLowerCase(Locale.ROOT), size(out));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file + " after writing it", e);
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
