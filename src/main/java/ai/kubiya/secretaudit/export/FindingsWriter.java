package ai.kubiya.secretaudit.export;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.finding.RowSource;
import ai.kubiya.secretaudit.run.AuditRun;
import java.io.IOException;
import java.io.OutputStream;

/** One format of a run's findings, written row by row as the cursor delivers them; the caller closes {@code out}. */
interface FindingsWriter {

    void write(AuditRun run, RowSource<FindingRow> findings, OutputStream out) throws IOException;
}
