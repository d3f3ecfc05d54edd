package ai.kubiya.secretaudit.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JsonFindingsWriterTests {

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyObjectHasEveryFindingsColumnNamedAfterItsTitleAndItsRun() {
        String written = Findings.written(new JsonFindingsWriter(), Findings.run(false), Findings.everyStatus());

        JsonNode findings = json.readTree(written);
        assertThat(findings.size()).isEqualTo(Status.values().length);
        assertThat(findings).allSatisfy(finding -> {
            // the Findings sheet's columns, in its order (a column added to the sheet is added here)
            assertThat(finding.propertyNames()).containsExactly("secret", "type", "scope", "integration", "owner",
                    "rule", "status", "severity", "due_date", "age_days", "lifecycle", "message", "waiver",
                    "controls", "age_basis", "rotated", "updated", "run");
            assertThat(finding.at("/run/id").asLong()).isEqualTo(7);
            assertThat(finding.at("/run/as_of").asString()).isEqualTo("2026-11-26T00:00:00Z");
            assertThat(finding.at("/run/source").asString()).isEqualTo("synthetic:250");
            assertThat(finding.at("/run/dry_run").asBoolean()).isFalse();
            assertThat(finding.at("/run/policy_version").asString()).isEqualTo("policy-3f2a");
        });
        JsonNode first = findings.get(0);
        assertThat(first.get("due_date").asString()).isEqualTo("2026-12-01");
        assertThat(first.get("age_days").isNumber()).isTrue();
        assertThat(findings.get(1).get("owner").isNull()).isTrue();
    }

    @Test
    void theArrayHasOneFindingPerLine() {
        String written = Findings.written(new JsonFindingsWriter(), Findings.run(false), Findings.everyStatus());

        List<String> lines = written.lines().toList();
        assertThat(lines).hasSize(Status.values().length + 2);
        assertThat(lines.get(0)).isEqualTo("[");
        assertThat(lines.get(lines.size() - 1)).isEqualTo("]");
        assertThat(lines.subList(1, lines.size() - 1)).allSatisfy(line -> assertThat(line).startsWith("{\"secret\":"));
    }

    /** Whatever a name or message holds, it reads back as it was. */
    @Property(tries = 300)
    void anyTextReadsBackAsItWas(@ForAll String secret, @ForAll String message) {
        FindingRow row = new FindingRow(secret, null, null, null, null, Rule.METADATA, Status.INSUFFICIENT_DATA,
                Severity.LOW, null, null, null, message, null);

        JsonNode finding = json.readTree(Findings.written(new JsonFindingsWriter(), Findings.run(false),
                List.of(row))).get(0);

        assertThat(finding.get("secret").asString()).isEqualTo(secret);
        assertThat(finding.get("message").asString()).isEqualTo(message);
    }

    @Test
    void aLoneSurrogateInANameDoesNotFailTheExport() {
        FindingRow row = new FindingRow("half-\uD800-pair", null, null, null, null, Rule.METADATA,
                Status.INSUFFICIENT_DATA, Severity.LOW, null, null, null, "message", null);

        String written = Findings.written(new JsonFindingsWriter(), Findings.run(false), List.of(row));

        assertThat(json.readTree(written).get(0).get("secret").asString()).startsWith("half-");
    }

    @Test
    void noFindingsIsAnEmptyArray() {
        assertThat(json.readTree(Findings.written(new JsonFindingsWriter(), Findings.run(true), List.of())).isEmpty())
                .isTrue();
    }
}
