package ai.kubiya.secretaudit.export;

import ai.kubiya.secretaudit.finding.FindingRepository;
import ai.kubiya.secretaudit.report.WorkbookStore;
import ai.kubiya.secretaudit.run.AuditRun;
import ai.kubiya.secretaudit.run.AuditRun.RunStatus;
import ai.kubiya.secretaudit.run.AuditRunRepository;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A completed run in any {@link ExportFormat}, written to a stream: the stored workbook for XLSX (checksum
 * verified), otherwise its findings streamed from a cursor, a row at a time (docs/evidence.md#export).
 */
@Component
public class FindingsExport {

    private final AuditRunRepository runs;
    private final FindingRepository findings;
    private final WorkbookStore workbooks;
    private final TransactionTemplate readOnly;

    FindingsExport(AuditRunRepository runs, FindingRepository findings, WorkbookStore workbooks,
            PlatformTransactionManager transactions) {
        this.runs = runs;
        this.findings = findings;
        this.workbooks = workbooks;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** What {@code latest} means: the latest completed run with a stored workbook, whatever the format. */
    public Optional<Long> latest() {
        return workbooks.latest();
    }

    /**
     * The run, if it can be exported; checked before anything is written.
     *
     * @throws IllegalArgumentException when there is no such run or it did not complete (its findings are partial)
     */
    public AuditRun exportable(long runId) {
        AuditRun run = runs.find(runId).orElseThrow(() -> new IllegalArgumentException("run " + runId
                + " does not exist (no such run, or retention removed it: audit.retention.days)"));
        if (run.status() != RunStatus.COMPLETED) {
            throw new IllegalArgumentException("run " + runId + " is " + run.status()
                    + ", not COMPLETED: its findings are partial; export a completed run");
        }
        return run;
    }

    public void write(long runId, ExportFormat format, OutputStream out) {
        write(exportable(runId), format, out);
    }

    public void write(AuditRun run, ExportFormat format, OutputStream out) {
        try {
            if (format == ExportFormat.XLSX) {
                copyWorkbook(run.id(), out);
                return;
            }
            // PostgreSQL streams with the fetch size only inside a transaction; outside one the driver reads every row
            // first: 116,283 findings then ran out of a 48 MB heap, which each format writes them within here
            FindingsWriter writer = writer(format);
            readOnly.execute(status -> {
                try {
                    writer.write(run, findings.findings(run.id()), out);
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the run's stored workbook, checked by PostgreSQL against the recorded SHA-256 before the first byte and
     * streamed in slices (a million-secret workbook is ~260 MB), then checked again for what was written.
     *
     * @return the workbook as checked
     * @throws IllegalStateException when its bytes do not match the recorded SHA-256 (the caller discards the output)
     */
    public WorkbookStore.Checked copyWorkbook(long runId, OutputStream out) throws IOException {
        WorkbookStore.Checked checked = workbooks.check(runId).orElseThrow(() -> new IllegalArgumentException("run "
                + runId + " has no stored workbook (no such run, or retention removed it: audit.retention.days)"));
        String written = workbooks.copy(runId, out);
        if (!written.equals(checked.sha256())) {
            throw new IllegalStateException("the stored workbook of run " + runId + " changed while it was written");
        }
        return checked;
    }

    private static FindingsWriter writer(ExportFormat format) {
        return switch (format) {
            case CSV -> new CsvFindingsWriter();
            case JSON -> new JsonFindingsWriter();
            case OCSF -> new OcsfFindingsWriter();
            case XLSX -> throw new IllegalArgumentException("xlsx is the stored workbook, not a findings writer");
        };
    }
}
