package ai.kubiya.secretaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code audit.policy.*} bound the way the application binds it, from the defaults of application.yml. */
class PolicyPropertiesTests {

    /** The {@code audit.policy} section of src/main/resources/application.yml, as property values. */
    private static final List<String> DEFAULTS = List.of(
            "audit.policy.warning-days=14",
            "audit.policy.unused-days=90",
            "audit.policy.max-age-days.token=60",
            "audit.policy.max-age-days.api_key=90",
            "audit.policy.max-age-days.credentials=90",
            "audit.policy.max-age-days.url=90",
            "audit.policy.max-age-days.env_var=90",
            "audit.policy.max-age-days.default=90",
            "audit.policy.certificate.warning-days=28",
            "audit.policy.certificate.critical-days=14");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PolicyPropertiesConfiguration.class);

    @Test
    void defaultsBindToTheNumbersOfTheSpec() {
        // given
        ApplicationContextRunner defaults = runner.withPropertyValues(DEFAULTS.toArray(String[]::new));

        // when / then
        defaults.run(context -> {
            assertThat(context).hasNotFailed();
            RotationPolicy policy = context.getBean(PolicyProperties.class).toPolicy();
            assertThat(policy).isEqualTo(RotationPolicy.defaults());
            assertThat(policy.maxAgeDaysFor("api_key")).isEqualTo(90);
            assertThat(policy.isKnownType("env_var")).isTrue();
        });
    }

    @Test
    void theApplicationYamlHoldsTheDefaultsOfTheSpec() {
        // given
        ApplicationContextRunner fromYaml = runner.withInitializer(new ConfigDataApplicationContextInitializer());

        // when / then
        fromYaml.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PolicyProperties.class).toPolicy()).isEqualTo(RotationPolicy.defaults());
        });
    }

    @Test
    void overridesBindInTheirOrder() {
        // given
        ApplicationContextRunner withOverrides = withDefaultsAnd(
                "audit.policy.overrides[0].match.scope=user",
                "audit.policy.overrides[0].max-age-days=30",
                "audit.policy.overrides[1].match.scope=org",
                "audit.policy.overrides[1].match.integration=github",
                "audit.policy.overrides[1].match.name=prod-*",
                "audit.policy.overrides[1].warning-days=7",
                "audit.policy.overrides[1].unused-days=30");

        // when / then
        withOverrides.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(PolicyProperties.class).toPolicy().overrides()).containsExactly(
                    new PolicyOverride("user", null, null, 30, null, null),
                    new PolicyOverride("org", "github", "prod-*", null, 7, 30));
        });
    }

    @Test
    void typeSpellingsOfConfiguredMaximumAgesAreNormalised() {
        // given
        ApplicationContextRunner withVaultBlobs = withDefaultsAnd("audit.policy.max-age-days.vault-blob=30");

        // when / then
        withVaultBlobs.run(context -> {
            assertThat(context).hasNotFailed();
            RotationPolicy policy = context.getBean(PolicyProperties.class).toPolicy();
            assertThat(policy.maxAgeDaysFor("vault_blob")).isEqualTo(30);
            assertThat(policy.isKnownType("vault_blob")).isTrue();
        });
    }

    @ParameterizedTest(name = "{0} fails naming {1}")
    @CsvSource(delimiter = '|', value = {
        "audit.policy.warning-days=-1                                    | audit.policy.warning-days",
        "audit.policy.unused-days=-5                                     | audit.policy.unused-days",
        "audit.policy.max-age-days.token=-1                              | audit.policy.max-age-days.token",
        "audit.policy.certificate.critical-days=29                       | audit.policy.certificate.critical-days",
        "audit.policy.certificate.warning-days=-28                       | audit.policy.certificate.warning-days"})
    void anInvalidPolicyFailsStartUpNamingTheKey(String property, String key) {
        assertFailsNaming(withDefaultsAnd(property), key);
    }

    @ParameterizedTest(name = "{0} fails naming {1}")
    @CsvSource(delimiter = '|', value = {
        "audit.policy.overrides[0].max-age-days=-1    | audit.policy.overrides[0].max-age-days",
        "audit.policy.overrides[0].warning-days=-1    | audit.policy.overrides[0].warning-days",
        "audit.policy.overrides[0].unused-days=-1     | audit.policy.overrides[0].unused-days",
        "audit.policy.overrides[0].match.owner=x      | audit.policy.overrides[0].match.owner"})
    void anInvalidOverrideFailsStartUpNamingTheKey(String property, String key) {
        // given a valid override, made invalid by one property
        ApplicationContextRunner invalid = withDefaultsAnd(
                "audit.policy.overrides[0].match.scope=user",
                "audit.policy.overrides[0].max-age-days=30",
                property);

        // when / then
        assertFailsNaming(invalid, key);
    }

    @ParameterizedTest(name = "{0} fails")
    @ValueSource(strings = {"audit.policy.warning-days=60", "audit.policy.max-age-days.token=14"})
    void aWarningWindowAsLongAsAMaximumAgeFailsNamingBothKeys(String property) {
        assertFailsNaming(withDefaultsAnd(property), "audit.policy.max-age-days.token", "audit.policy.warning-days");
    }

    @Test
    void anOverrideWarningWindowAsLongAsItsMaximumAgeFailsNamingBothKeys() {
        // given
        ApplicationContextRunner invalid = withDefaultsAnd(
                "audit.policy.overrides[0].match.scope=user",
                "audit.policy.overrides[0].max-age-days=30",
                "audit.policy.overrides[0].warning-days=30");

        // when / then
        assertFailsNaming(invalid, "audit.policy.overrides[0].max-age-days", "audit.policy.overrides[0].warning-days");
    }

    @Test
    void anOverrideMaximumAgeWithinTheGlobalWarningWindowFails() {
        // given: the override keeps the 14 days of audit.policy.warning-days
        ApplicationContextRunner invalid = withDefaultsAnd(
                "audit.policy.overrides[0].match.scope=user",
                "audit.policy.overrides[0].max-age-days=14");

        // when / then
        assertFailsNaming(invalid, "audit.policy.overrides[0].max-age-days", "audit.policy.warning-days");
    }

    @Test
    void anOverrideWarningWindowThatOutlastsATypesMaximumAgeFailsNamingBothKeys() {
        // given: without its own maximum age the override keeps token's 60 days
        ApplicationContextRunner invalid = withDefaultsAnd(
                "audit.policy.overrides[0].match.scope=user",
                "audit.policy.overrides[0].warning-days=60");

        // when / then
        assertFailsNaming(invalid, "audit.policy.overrides[0].warning-days", "audit.policy.max-age-days.token");
    }

    @Test
    void anOverrideWithAnEmptyMatchFails() {
        // given
        ApplicationContextRunner invalid = withDefaultsAnd("audit.policy.overrides[0].max-age-days=30");

        // when / then
        assertFailsNaming(invalid, "audit.policy.overrides[0].match");
    }

    @Test
    void anOverrideWithoutNumbersFails() {
        // given
        ApplicationContextRunner invalid = withDefaultsAnd("audit.policy.overrides[0].match.name=prod-*");

        // when / then
        assertFailsNaming(invalid, "audit.policy.overrides[0]");
        invalid.run(context -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("must set max-age-days, warning-days or unused-days"));
    }

    @Test
    void aMissingDefaultMaximumAgeFails() {
        // given
        ApplicationContextRunner withoutDefault = runner.withPropertyValues(DEFAULTS.stream()
                .filter(property -> !property.startsWith("audit.policy.max-age-days.default="))
                .toArray(String[]::new));

        // when / then
        assertFailsNaming(withoutDefault, "audit.policy.max-age-days");
        withoutDefault.run(context -> assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("'default'"));
    }

    @Test
    void aMissingWarningWindowFails() {
        // given
        ApplicationContextRunner withoutWarningDays = runner.withPropertyValues(DEFAULTS.stream()
                .filter(property -> !property.startsWith("audit.policy.warning-days="))
                .toArray(String[]::new));

        // when / then
        assertFailsNaming(withoutWarningDays, "audit.policy.warning-days");
    }

    private ApplicationContextRunner withDefaultsAnd(String... properties) {
        return runner.withPropertyValues(Stream.concat(DEFAULTS.stream(), Arrays.stream(properties))
                .toArray(String[]::new));
    }

    private static void assertFailsNaming(ApplicationContextRunner runner, String... keys) {
        runner.run(context -> {
            assertThat(context).hasFailed();
            for (String key : keys) {
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(key);
            }
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PolicyProperties.class)
    static class PolicyPropertiesConfiguration {
    }
}
