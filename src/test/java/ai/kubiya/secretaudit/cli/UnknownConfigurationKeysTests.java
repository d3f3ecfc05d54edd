package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Every key under {@code audit} is one a configuration record reads, or start-up stops naming it and the nearest
 * known key. Maps with free keys stay open; environment variables are read as Spring Boot binds them.
 */
class UnknownConfigurationKeysTests {

    static final UnknownConfigurationKeys CHECK = new UnknownConfigurationKeys();

    @Test
    void everyDefaultOfTheApplicationYamlIsKnown() throws IOException {
        List<PropertySource<?>> defaults = new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"));

        assertThat(defaults).flatMap(source -> Stream.of(((EnumerablePropertySource<?>) source).getPropertyNames())
                        .map(name -> problem(name, source)).flatMap(Optional::stream).toList())
                .isEmpty();
    }

    @Test
    void everyKeyTheReadmeDocumentsIsKnown() throws IOException {
        List<String> documented = documentedKeys();

        assertThat(documented).as("keys found in the configuration table of docs/configuration.md").hasSizeGreaterThan(20);
        assertThat(documented).allSatisfy(key -> assertThat(key.startsWith("AUDIT_") ? variable(key) : property(key))
                .as(key).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "audit.mail.allowed-domain                | (did you mean 'audit.mail.allowed-domains'?)",
        "audit.mial.from                          | (did you mean 'audit.mail.from'?)",
        "audit.chunk-sise                         | (did you mean 'audit.chunk-size'?)",
        "audit.policy.max-age                     | (did you mean 'audit.policy.max-age-days'?)",
        "audit.policy.certificate.expiry-days     | (audit.policy.certificate takes warning-days, critical-days)",
        "audit.policy.overrides[0].expires        | (audit.policy.overrides[0] takes match, max-age-days, warning-days,"
            + " unused-days)",
        "audit.policy.overrides[2].max-age-day    | (did you mean 'audit.policy.overrides[2].max-age-days'?)",
        "audit.integrations.github.requried       | (did you mean 'audit.integrations.github.required'?)",
        "audit.source.path                        | (audit.source takes a value, not keys below it)",
        "audit.run.dealine                        | (did you mean 'audit.run.deadline'?)",
        "audit.mail.guidance.certificate.url      | (audit.mail.guidance.certificate takes text, link)",
        "audit.mail.waiver-requests               | (did you mean 'audit.mail.waiver-request'?)"})
    void anUnknownKeyIsNamedWithTheNearestKnownKey(String key, String hint) {
        assertThat(property(key)).contains("unknown configuration key '" + key + "' " + hint + " in test");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"audit.policy.max-age-days.vault-blob", "audit.policy.max-age-days.api_key",
        "audit.policy.max-age-days[api_key]", "audit.integrations.my-app.required",
        "audit.integrations.my-app.required[0]",
        "audit.policy.overrides[3].match.scope", "audit.policy.overrides[0].match.owner", "audit.required",
        "audit.required[1]", "audit.mail.allowedDomains", "audit.mail.allowed_domains", "audit.mail.alloweddomains",
        "audit.run.stop-timeout", "audit.mail.guidance.certificate.link", "audit.mail.guidance.UNUSED.text",
        "audit.mail.guidance[api_key].link", "audit.mail.waiver-request",
        "kubiya.anything", "spring.mail.host", "auditor.anything"})
    void mapsListsAndRelaxedSpellingsOfKnownKeysAreAccepted(String key) {
        // Spring Boot binds alloweddomains, allowedDomains and allowed_domains to allowed-domains alike; a criterion
        // under match (owner) is checked by the policy itself, naming the criteria there are
        assertThat(property(key)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"AUDIT_MAIL_ALLOWEDDOMAINS", "AUDIT_MAIL_ALLOWED_DOMAINS", "AUDIT_CHUNK_SIZE",
        "AUDIT_POLICY_MAXAGEDAYS_API_KEY", "AUDIT_POLICY_MAX_AGE_DAYS_TOKEN", "AUDIT_INTEGRATIONS_MY_APP_REQUIRED",
        "AUDIT_POLICY_OVERRIDES_0_MATCH_SCOPE", "AUDIT_RUN_STOP_TIMEOUT",
        "AUDIT_MAIL_GUIDANCE_CERTIFICATE_LINK", "AUDIT_MAIL_WAIVERREQUEST", "AUDIT_SERVICE_HOST", "AUDIT_SERVICE_PORT",
        "AUDIT_PORT_443_TCP_ADDR", "AUDIT_API_SERVICE_HOST", "AUDIT_LOG_PORT", "AUDIT_LOG_PORT_8080_TCP_ADDR",
        "AUDIT_LOG_SERVICE_PORT_HTTP", "AUDITOR_NAME", "KUBIYA_API_KEY"})
    void environmentVariablesAreReadAsSpringBootBindsThem(String variable) {
        // Kubernetes sets AUDIT_SERVICE_HOST, AUDIT_PORT_… for a Service named "audit", AUDIT_LOG_… for "audit-log"
        assertThat(variable(variable)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "AUDIT_MAIL_ALLOWEDDOMAIN    | (did you mean 'AUDIT_MAIL_ALLOWEDDOMAINS'?)",
        "AUDIT_MAIL_ALLOWED_DOMAIN   | (did you mean 'AUDIT_MAIL_ALLOWEDDOMAINS'?)",
        "AUDIT_RUN_DEADLIN           | (did you mean 'AUDIT_RUN_DEADLINE'?)",
        "AUDIT_SORCE                 | (did you mean 'AUDIT_SOURCE'?)"})
    void anUnknownEnvironmentVariableIsNamedWithTheNearestKnownOne(String variable, String hint) {
        assertThat(variable(variable)).contains("unknown configuration key '" + variable + "' " + hint
                + " in the environment");
    }

    @Property
    void aOneLetterTypoInTheLastPartOfAKnownKeyIsRefusedSuggestingThatKey(
            @ForAll("typos") Tuple3<String, String, String> typo) {
        String known = typo.get1();
        String misspelt = typo.get2();

        assertThat(property(misspelt)).as("%s → %s", known, misspelt)
                .hasValueSatisfying(problem -> assertThat(problem).contains("(did you mean '" + known + "'?)"));
    }

    /** A known leaf key, the same with one letter of its last part inserted, dropped or changed, and the change. */
    @Provide
    Arbitrary<Tuple3<String, String, String>> typos() {
        List<String> leaves = List.of("audit.mail.allowed-domains", "audit.mail.fallback-recipient",
                "audit.mail.escalation-cc", "audit.waivers.max-days", "audit.retention.days", "audit.run.deadline",
                "audit.certificates.inspect-values", "audit.schedule.cron", "audit.reports.dir",
                "audit.policy.unused-days", "audit.mail.auditor-attachment-max-size");
        return Arbitraries.of(leaves).flatMap(key -> {
            int last = key.lastIndexOf('.') + 1;
            return Arbitraries.integers().between(last, key.length() - 1).flatMap(at -> Arbitraries.of('q', 'x', 'z')
                    .flatMap(letter -> Arbitraries.of("insert", "drop", "change").map(how -> Tuple.of(key,
                            switch (how) {
                                case "insert" -> key.substring(0, at) + letter + key.substring(at);
                                case "drop" -> key.substring(0, at) + key.substring(at + 1);
                                default -> key.substring(0, at) + letter + key.substring(at + 1);
                            }, how))));
        }).filter(typo -> !ConfigurationKeys.uniform(typo.get2()).equals(ConfigurationKeys.uniform(typo.get1())));
    }

    private static Optional<String> property(String key) {
        return problem(key, new MapPropertySource("test", Map.of(key, "value")));
    }

    private static Optional<String> variable(String name) {
        return problem(name, new SystemEnvironmentPropertySource("systemEnvironment", Map.of(name, "value")));
    }

    private static Optional<String> problem(String name, PropertySource<?> source) {
        return CHECK.check(name, source);
    }

    /** The keys of the configuration table in docs/configuration.md: `<type>` as a map key, `[n]` as an index, `{a,b}` each. */
    private static List<String> documentedKeys() throws IOException {
        String readme = Files.readString(Path.of("docs/configuration.md"));
        int start = readme.indexOf("\n## Configuration");
        String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
        String firstCells = section.lines().filter(line -> line.startsWith("| `"))
                .map(line -> line.substring(1, line.indexOf(" | "))).reduce("", String::concat);
        List<String> keys = new ArrayList<>();
        Matcher code = Pattern.compile("`((?:audit\\.|AUDIT_)[^`]*)`").matcher(firstCells);
        while (code.find()) {
            String key = code.group(1).replaceAll("<[^>]+>", "x").replace("[n]", "[0]");
            Matcher choice = Pattern.compile("\\{([^}]*)}").matcher(key);
            if (choice.find()) {
                for (String each : choice.group(1).split(",")) {
                    keys.add(key.substring(0, choice.start()) + each + key.substring(choice.end()));
                }
            } else {
                keys.add(key);
            }
        }
        return keys;
    }
}
