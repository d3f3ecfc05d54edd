package ai.kubiya.secretaudit.export;

import ai.kubiya.secretaudit.export.OcsfCodes.Code;
import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.finding.RowSource;
import ai.kubiya.secretaudit.run.AuditRun;
import java.io.OutputStream;
import java.util.List;
import tools.jackson.core.JsonGenerator;

/**
 * One JSON array of OCSF 1.4.0 Compliance Findings (class 2003, category 2 Findings, activity 1 Create), an object
 * per finding, as Security Hub's OCSF import and Prowler's {@code json-ocsf} output shape them: the secret as the
 * resource, the rule as the compliance control and analytic, its controls as requirements, times in milliseconds
 * since the epoch (the run's as-of), and everything OCSF has no attribute for (every Findings column, the run) in
 * {@code unmapped}. A dry run is labelled {@code dry-run} in {@code metadata.labels}. The finding's uid is stable
 * across runs ({@code secret-rotation-audit:RULE:SECRET}, one finding per secret and rule), so a tool updates it
 * rather than adding a copy each night.
 */
final class OcsfFindingsWriter implements FindingsWriter {

    static final String SCHEMA_VERSION = "1.4.0";
    static final int CATEGORY_UID = 2;
    static final int CLASS_UID = 2003;
    static final int ACTIVITY_CREATE = 1;

    @Override
    public void write(AuditRun run, RowSource<FindingRow> findings, OutputStream out) {
        try (JsonGenerator json = JsonValues.generator(out)) {
            json.writeStartArray();
            findings.forEach(row -> finding(json, run, row));
            json.writeEndArray();
        }
    }

    private static void finding(JsonGenerator json, AuditRun run, FindingRow row) {
        long time = run.asOf().toEpochMilli();
        json.writeStartObject();
        classification(json);
        json.writeNumberProperty("time", time);
        code(json, "severity", OcsfCodes.severity(row.severity()));
        code(json, "status", OcsfCodes.findingStatus(row.lifecycle(), row.status()));
        json.writeStringProperty("message", row.message());
        metadata(json, run);
        findingInfo(json, row, time);
        compliance(json, row);
        resources(json, row);
        json.writeObjectPropertyStart("unmapped");
        json.writeObjectPropertyStart("finding");
        JsonValues.writeColumns(json, row);
        json.writeEndObject();
        json.writeObjectPropertyStart("run");
        JsonValues.writeRun(json, run);
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void classification(JsonGenerator json) {
        json.writeNumberProperty("activity_id", ACTIVITY_CREATE);
        json.writeStringProperty("activity_name", "Create");
        json.writeNumberProperty("category_uid", CATEGORY_UID);
        json.writeStringProperty("category_name", "Findings");
        json.writeNumberProperty("class_uid", CLASS_UID);
        json.writeStringProperty("class_name", "Compliance Finding");
        json.writeNumberProperty("type_uid", CLASS_UID * 100L + ACTIVITY_CREATE);
        json.writeStringProperty("type_name", "Compliance Finding: Create");
    }

    private static void metadata(JsonGenerator json, AuditRun run) {
        json.writeObjectPropertyStart("metadata");
        json.writeStringProperty("version", SCHEMA_VERSION);
        json.writeObjectPropertyStart("product");
        json.writeStringProperty("name", "Secret Rotation Audit");
        json.writeStringProperty("vendor_name", "Kubiya");
        if (run.appVersion() != null) {
            json.writeStringProperty("version", run.appVersion());
        }
        json.writeEndObject();
        json.writeStringProperty("log_name", "secret-rotation-audit");
        json.writeStringProperty("correlation_uid", "secret-rotation-audit:run:" + run.id());
        if (run.dryRun()) {
            json.writeArrayPropertyStart("labels");
            json.writeString("dry-run");
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void findingInfo(JsonGenerator json, FindingRow row, long time) {
        json.writeObjectPropertyStart("finding_info");
        json.writeStringProperty("uid", "secret-rotation-audit:" + row.rule().name() + ":" + row.secret());
        json.writeStringProperty("title", row.rule().name() + " " + row.status().name() + ": " + row.secret());
        json.writeStringProperty("desc", row.message());
        json.writeNumberProperty("created_time", time);
        json.writeObjectPropertyStart("analytic");
        json.writeStringProperty("name", row.rule().name());
        json.writeNumberProperty("type_id", 1);
        json.writeStringProperty("type", "Rule");
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void compliance(JsonGenerator json, FindingRow row) {
        List<String> requirements = OcsfCodes.requirements(row.rule().controls());
        json.writeObjectPropertyStart("compliance");
        json.writeStringProperty("control", row.rule().name());
        strings(json, "requirements", requirements);
        strings(json, "standards", requirements.stream().map(OcsfCodes::standard).distinct().toList());
        code(json, "status", OcsfCodes.compliance(row.status()));
        json.writeStringProperty("status_detail", row.status().name());
        json.writeEndObject();
    }

    private static void resources(JsonGenerator json, FindingRow row) {
        json.writeArrayPropertyStart("resources");
        json.writeStartObject();
        json.writeStringProperty("uid", row.secret());
        json.writeStringProperty("name", row.secret());
        json.writeStringProperty("type", row.type() == null ? "secret" : row.type());
        if (row.owner() != null) {
            json.writeObjectPropertyStart("owner");
            json.writeStringProperty("name", row.owner());
            json.writeEndObject();
        }
        json.writeObjectPropertyStart("data");
        optional(json, "scope", row.scope());
        optional(json, "integration", row.integration());
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndArray();
    }

    private static void code(JsonGenerator json, String name, Code code) {
        json.writeNumberProperty(name + "_id", code.id());
        json.writeStringProperty(name, code.caption());
    }

    /** OCSF leaves out what is unknown rather than writing null. */
    private static void optional(JsonGenerator json, String name, String value) {
        if (value != null) {
            json.writeStringProperty(name, value);
        }
    }

    private static void strings(JsonGenerator json, String name, List<String> values) {
        json.writeArrayPropertyStart(name);
        values.forEach(json::writeString);
        json.writeEndArray();
    }
}
