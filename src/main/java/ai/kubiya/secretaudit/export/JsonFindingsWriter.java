package ai.kubiya.secretaudit.export;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.finding.RowSource;
import ai.kubiya.secretaudit.run.AuditRun;
import java.io.OutputStream;
import tools.jackson.core.JsonGenerator;

/**
 * One JSON array, an object per finding: every Findings column (fields named after the titles) and {@code run}
 * (id, as-of, source, dry run, policy version). One array rather than JSON Lines: it is one valid document, which
 * {@code jq}, Python's {@code json.load}, pandas and Power Query read as it is, and each object carries its run,
 * so {@code jq -c '.[]'} turns it into JSON Lines for a SIEM with nothing lost.
 */
final class JsonFindingsWriter implements FindingsWriter {

    @Override
    public void write(AuditRun run, RowSource<FindingRow> findings, OutputStream out) {
        try (JsonGenerator json = JsonValues.generator(out)) {
            json.writeStartArray();
            findings.forEach(row -> {
                json.writeStartObject();
                JsonValues.writeColumns(json, row);
                json.writeObjectPropertyStart("run");
                JsonValues.writeRun(json, run);
                json.writeEndObject();
                json.writeEndObject();
            });
            json.writeEndArray();
        }
    }
}
