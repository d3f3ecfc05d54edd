package ai.kubiya.secretaudit.export;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.report.FindingsColumns;
import ai.kubiya.secretaudit.report.FindingsColumns.Column;
import ai.kubiya.secretaudit.run.AuditRun;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.MinimalPrettyPrinter;

/**
 * What the JSON and OCSF exports share: a generator that writes a top-level array with one object per line (valid
 * JSON for {@code jq}, Python or a SIEM's array import, and still a line per finding for {@code grep} and a diff),
 * the Findings columns as fields named after their titles ({@code Due date} → {@code due_date}), and the run.
 */
final class JsonValues {

    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    private static final List<String> FIELD_NAMES = FindingsColumns.all().stream().map(Column::title)
            .map(JsonValues::fieldName).toList();

    private JsonValues() {
    }

    static JsonGenerator generator(OutputStream out) {
        return JSON.createGenerator(new ObjectWriteContext.Base() {
            @Override
            public PrettyPrinter getPrettyPrinter() {
                return new ObjectPerLine();
            }

            @Override
            public boolean hasPrettyPrinter() {
                return true;
            }
        }, out);
    }

    /**
     * {@code Age (days)} → {@code age_days}: lower case, every run of other characters one underscore. A title's
     * {@code (UTC)} is left out ({@code Rotated (UTC)} → {@code rotated}): the values are ISO instants ending in
     * {@code Z}, and a name should not change when a column title does.
     */
    static String fieldName(String title) {
        return title.replace(" (UTC)", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_|_$", "");
    }

    /** Every Findings column, null ones included, so that every object has the same fields. */
    static void writeColumns(JsonGenerator json, FindingRow row) {
        List<Column> columns = FindingsColumns.all();
        for (int i = 0; i < columns.size(); i++) {
            json.writeName(FIELD_NAMES.get(i));
            write(json, columns.get(i).value().apply(row));
        }
    }

    static void writeRun(JsonGenerator json, AuditRun run) {
        json.writeNumberProperty("id", run.id());
        json.writeStringProperty("as_of", run.asOf().toString());
        json.writeStringProperty("source", run.source());
        json.writeBooleanProperty("dry_run", run.dryRun());
        json.writeStringProperty("policy_version", run.policyVersion());
    }

    static void write(JsonGenerator json, Object value) {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number number) {
            json.writeNumber(number.doubleValue());
        } else {
            json.writeString(text(value));
        }
    }

    /** Dates and instants in ISO 8601 (instants in UTC, {@code Z}), constants by name. */
    static String text(Object value) {
        return value instanceof Enum<?> constant ? constant.name() : value.toString();
    }

    /** A newline after the opening bracket and after each element of the top-level array; compact inside. */
    private static final class ObjectPerLine extends MinimalPrettyPrinter {

        @Override
        public void beforeArrayValues(JsonGenerator json) {
            if (topLevel(json)) {
                json.writeRaw('\n');
            }
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator json) {
            json.writeRaw(topLevel(json) ? ",\n" : ",");
        }

        @Override
        public void writeEndArray(JsonGenerator json, int values) {
            json.writeRaw(topLevel(json) ? "\n]\n" : "]");
        }

        private static boolean topLevel(JsonGenerator json) {
            return json.streamWriteContext().getParent() != null && json.streamWriteContext().getParent().inRoot();
        }
    }
}
