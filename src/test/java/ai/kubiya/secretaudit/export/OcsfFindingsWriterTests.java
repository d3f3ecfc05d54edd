package ai.kubiya.secretaudit.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.policy.Severity;
import ai.kubiya.secretaudit.policy.Status;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class OcsfFindingsWriterTests {

    /**
     * The attributes OCSF 1.4.0 requires of a Compliance Finding (class 2003), its own and inherited from Finding and
     * the base event, and of the objects it holds as we fill them; read from github.com/ocsf/ocsf-schema at tag 1.4.0:
     * events/base_event.json, events/findings/finding.json, events/findings/compliance_finding.json and objects/
     * (compliance, finding_info, metadata, product, analytic; a resource, being an _entity, needs name or uid).
     */
    static final List<String> REQUIRED = List.of("activity_id", "category_uid", "class_uid", "metadata",
            "severity_id", "time", "type_uid", "finding_info", "compliance");
    static final Map<String, List<String>> REQUIRED_IN_OBJECTS = Map.of(
            "compliance", List.of("standards"),
            "finding_info", List.of("uid"),
            "finding_info/analytic", List.of("type_id"),
            "metadata", List.of("product", "version"),
            "metadata/product", List.of("name"),
            "resources/0", List.of("uid", "name"));

    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void everyFindingCarriesEveryAttributeTheComplianceFindingClassRequires() {
        JsonNode findings = json.readTree(Findings.written(new OcsfFindingsWriter(), Findings.run(false),
                Findings.everyStatus()));

        assertThat(findings.size()).isEqualTo(Status.values().length);
        for (JsonNode finding : findings) {
            assertThat(REQUIRED).allSatisfy(name -> assertThat(finding.has(name)).as(name).isTrue());
            REQUIRED_IN_OBJECTS.forEach((path, names) -> assertThat(names).allSatisfy(name ->
                    assertThat(finding.at("/" + path).has(name)).as(path + "/" + name).isTrue()));
            assertThat(finding.get("class_uid").asInt()).isEqualTo(2003);
            assertThat(finding.get("category_uid").asInt()).isEqualTo(2);
            assertThat(finding.get("type_uid").asLong()).isEqualTo(200301);
            assertThat(finding.get("time").asLong()).isEqualTo(Findings.AS_OF.toEpochMilli());
            assertThat(finding.at("/metadata/version").asString()).isEqualTo("1.4.0");
            assertThat(finding.at("/compliance/standards").isArray()).isTrue();
        }
    }

    @Test
    void overdueExpiredAndMissingFailWhileDueSoonIsAWarningAndSeveritiesKeepTheirOrder() {
        assertThat(OcsfCodes.compliance(Status.OVERDUE).caption()).isEqualTo("Fail");
        assertThat(OcsfCodes.compliance(Status.EXPIRED).id()).isEqualTo(3);
        assertThat(OcsfCodes.compliance(Status.MISSING).id()).isEqualTo(3);
        assertThat(OcsfCodes.compliance(Status.DUE_SOON).caption()).isEqualTo("Warning");
        assertThat(OcsfCodes.compliance(Status.INSUFFICIENT_DATA).caption()).isEqualTo("Warning");
        assertThat(OcsfCodes.compliance(Status.OK).caption()).isEqualTo("Pass");
        assertThat(List.of(Severity.values())).extracting(severity -> OcsfCodes.severity(severity).id())
                .containsExactly(2, 3, 4, 5);
        assertThat(OcsfCodes.findingStatus("OPEN", Status.WAIVED).caption()).isEqualTo("Suppressed");
        assertThat(OcsfCodes.findingStatus("NEW", Status.OVERDUE).id()).isEqualTo(1);
    }

    @Test
    void theSecretIsTheResourceAndTheRuleTheControlWithItsStandardsAsRequirements() {
        FindingRow overdue = new FindingRow("db-password", "credentials", "org", "postgres", "alice@acme.example",
                Rule.ROTATION, Status.OVERDUE, Severity.HIGH, null, 75, "OPEN", "Last rotated 75 days ago", null);

        JsonNode finding = json.readTree(Findings.written(new OcsfFindingsWriter(), Findings.run(false),
                List.of(overdue))).get(0);

        assertThat(finding.at("/resources/0/name").asString()).isEqualTo("db-password");
        assertThat(finding.at("/resources/0/owner/name").asString()).isEqualTo("alice@acme.example");
        assertThat(finding.at("/resources/0/data/integration").asString()).isEqualTo("postgres");
        assertThat(finding.at("/finding_info/uid").asString()).isEqualTo("secret-rotation-audit:ROTATION:db-password");
        assertThat(finding.at("/compliance/control").asString()).isEqualTo("ROTATION");
        assertThat(finding.at("/compliance/status").asString()).isEqualTo("Fail");
        assertThat(finding.at("/compliance/status_detail").asString()).isEqualTo("OVERDUE");
        assertThat(strings(finding.at("/compliance/standards")))
                .containsExactly("PCI DSS v4.0.1", "NIST SP 800-57 Pt 1", "SOC 2", "ISO/IEC 27001:2022");
        assertThat(strings(finding.at("/compliance/requirements"))).contains("PCI DSS v4.0.1 3.7.4, 8.6.3",
                "SOC 2 CC6.1");
        assertThat(finding.get("severity_id").asInt()).isEqualTo(4);
        assertThat(finding.at("/unmapped/finding/age_days").asInt()).isEqualTo(75);
        assertThat(finding.at("/unmapped/run/policy_version").asString()).isEqualTo("policy-3f2a");
    }

    @Test
    void everyRulesControlsNameAStandardWithoutItsClauses() {
        for (Rule rule : Rule.values()) {
            assertThat(OcsfCodes.requirements(rule.controls())).isNotEmpty().allSatisfy(requirement ->
                    assertThat(OcsfCodes.standard(requirement)).isNotBlank().isNotEqualTo(requirement));
        }
    }

    @Test
    void aDryRunIsLabelledInTheMetadataAndARealOneIsNot() {
        JsonNode dry = json.readTree(Findings.written(new OcsfFindingsWriter(), Findings.run(true),
                Findings.everyStatus()));
        JsonNode real = json.readTree(Findings.written(new OcsfFindingsWriter(), Findings.run(false),
                Findings.everyStatus()));

        assertThat(dry).allSatisfy(finding -> {
            assertThat(strings(finding.at("/metadata/labels"))).containsExactly("dry-run");
            assertThat(finding.at("/unmapped/run/dry_run").asBoolean()).isTrue();
        });
        assertThat(real).allSatisfy(finding -> assertThat(finding.at("/metadata").has("labels")).isFalse());
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asString).toList();
    }
}
