package ai.kubiya.secretaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The policy version changes exactly when the effective policy (numbers, overrides, waivers) changes. */
class PolicyVersionTests {

    private static final PolicyOverride OVERRIDE = new PolicyOverride("user", "github", "prod-*", 30, 7, 60);
    private static final Waiver WAIVER = new Waiver("legacy-*", Rule.ROTATION, "vendor cannot rotate yet",
            "carol@example.com", "SEC-101", LocalDate.parse("2026-06-30"));

    @Test
    void theSamePolicyHasTheSameVersion() {
        // given
        RotationPolicy one = policy(14, 90, defaultMaxAges(), 28, 14, List.of(OVERRIDE));
        RotationPolicy other = policy(14, 90, defaultMaxAges(), 28, 14, List.of(OVERRIDE));

        // when
        PolicyVersion first = PolicyVersion.of(one, new Waivers(List.of(WAIVER)));
        PolicyVersion second = PolicyVersion.of(other, new Waivers(List.of(WAIVER)));

        // then
        assertThat(first).isEqualTo(second);
        assertThat(first.id()).matches("[0-9a-f]{12}");
    }

    @Test
    void noWaiversIsTheVersionOfThePolicyAlone() {
        assertThat(PolicyVersion.of(RotationPolicy.defaults(), new Waivers(List.of())))
                .isEqualTo(PolicyVersion.of(RotationPolicy.defaults()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void anyChangeOfTheEffectivePolicyChangesTheVersion(String change, UnaryOperator<Setup> changed) {
        // given
        Setup base = new Setup(policy(14, 90, defaultMaxAges(), 28, 14, List.of(OVERRIDE)), List.of(WAIVER));

        // when
        PolicyVersion before = base.version();
        PolicyVersion after = changed.apply(base).version();

        // then
        assertThat(after.id()).isNotEqualTo(before.id());
    }

    @Test
    void everyChangeGivesADifferentVersion() {
        // given
        Setup base = new Setup(policy(14, 90, defaultMaxAges(), 28, 14, List.of(OVERRIDE)), List.of(WAIVER));

        // when
        List<String> ids = new ArrayList<>(changes()
                .map(arguments -> ((Change) arguments.get()[1]).apply(base).version().id()).toList());
        ids.add(base.version().id());

        // then
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void theOrderOfTheMaximumAgesDoesNotMatter() {
        // given: type names with one hash code, which a hash map orders by insertion
        List<String> types = List.of("AaAa", "BBBB", "AaBB", "BBAa", "token", "default");
        Map<String, Integer> forwards = new LinkedHashMap<>();
        Map<String, Integer> backwards = new LinkedHashMap<>();
        for (int i = 0; i < types.size(); i++) {
            forwards.put(types.get(i), 20 + i);
            backwards.put(types.get(types.size() - 1 - i), 20 + types.size() - 1 - i);
        }

        // when
        PolicyVersion one = PolicyVersion.of(policy(14, 90, forwards, 28, 14, List.of(OVERRIDE)));
        PolicyVersion other = PolicyVersion.of(policy(14, 90, backwards, 28, 14, List.of(OVERRIDE)));

        // then
        assertThat(backwards).isEqualTo(forwards);
        assertThat(one).isEqualTo(other);
    }

    @Test
    void theSpellingOfAConfiguredTypeDoesNotMatter() {
        // given
        Map<String, Integer> spelledOut = new LinkedHashMap<>(defaultMaxAges());
        spelledOut.remove("api_key");
        spelledOut.put("API-Key", 90);
        PolicyProperties properties = new PolicyProperties(14, 90, spelledOut,
                new PolicyProperties.Certificate(28, 14), List.of());

        // when
        PolicyVersion version = PolicyVersion.of(properties.toPolicy());

        // then
        assertThat(version).isEqualTo(PolicyVersion.of(RotationPolicy.defaults()));
    }

    /** Each change alters one thing of the base setup. */
    static Stream<Arguments> changes() {
        return Stream.of(
                change("warning-days", s -> s.with(policy(13, 90, defaultMaxAges(), 28, 14, s.overrides()))),
                change("unused-days", s -> s.with(policy(14, 91, defaultMaxAges(), 28, 14, s.overrides()))),
                change("max-age-days.token", s -> s.with(policy(14, 90, maxAges("token", 59), 28, 14, s.overrides()))),
                change("max-age-days.default", s -> s.with(policy(14, 90, maxAges("default", 91), 28, 14,
                        s.overrides()))),
                change("a new type", s -> s.with(policy(14, 90, maxAges("vault_blob", 90), 28, 14, s.overrides()))),
                change("certificate.warning-days", s -> s.with(policy(14, 90, defaultMaxAges(), 29, 14,
                        s.overrides()))),
                change("certificate.critical-days", s -> s.with(policy(14, 90, defaultMaxAges(), 28, 13,
                        s.overrides()))),
                change("no override", s -> s.withOverrides(List.of())),
                change("a second override", s -> s.withOverrides(List.of(OVERRIDE,
                        new PolicyOverride("user", null, null, 45, null, null)))),
                change("override scope", s -> s.withOverrides(List.of(new PolicyOverride("org", "github", "prod-*",
                        30, 7, 60)))),
                change("override integration", s -> s.withOverrides(List.of(new PolicyOverride("user", "gitlab",
                        "prod-*", 30, 7, 60)))),
                change("override without integration", s -> s.withOverrides(List.of(new PolicyOverride("user", null,
                        "prod-*", 30, 7, 60)))),
                change("override name", s -> s.withOverrides(List.of(new PolicyOverride("user", "github", "prod-?",
                        30, 7, 60)))),
                change("override max-age-days", s -> s.withOverrides(List.of(new PolicyOverride("user", "github",
                        "prod-*", 31, 7, 60)))),
                change("override warning-days", s -> s.withOverrides(List.of(new PolicyOverride("user", "github",
                        "prod-*", 30, 8, 60)))),
                change("override unused-days", s -> s.withOverrides(List.of(new PolicyOverride("user", "github",
                        "prod-*", 30, 7, null)))),
                change("no waiver", s -> s.withWaivers(List.of())),
                change("a second waiver", s -> s.withWaivers(List.of(WAIVER, new Waiver("ci-token", Rule.UNUSED,
                        "yearly job", "dave@example.com", "SEC-102", LocalDate.parse("2026-04-01"))))),
                change("waiver secret", s -> s.withWaivers(List.of(new Waiver("legacy-db", WAIVER.rule(),
                        WAIVER.reason(), WAIVER.approvedBy(), WAIVER.ticket(), WAIVER.expires())))),
                change("waiver rule", s -> s.withWaivers(List.of(new Waiver(WAIVER.secret(), Rule.UNUSED,
                        WAIVER.reason(), WAIVER.approvedBy(), WAIVER.ticket(), WAIVER.expires())))),
                change("waiver approver", s -> s.withWaivers(List.of(new Waiver(WAIVER.secret(), WAIVER.rule(),
                        WAIVER.reason(), "dave@example.com", WAIVER.ticket(), WAIVER.expires())))),
                change("waiver ticket", s -> s.withWaivers(List.of(new Waiver(WAIVER.secret(), WAIVER.rule(),
                        WAIVER.reason(), WAIVER.approvedBy(), "SEC-999", WAIVER.expires())))),
                change("waiver expiry", s -> s.withWaivers(List.of(new Waiver(WAIVER.secret(), WAIVER.rule(),
                        WAIVER.reason(), WAIVER.approvedBy(), WAIVER.ticket(), WAIVER.expires().plusDays(1))))));
    }

    private static Arguments change(String name, Change change) {
        return Arguments.of(name, change);
    }

    @FunctionalInterface
    interface Change extends UnaryOperator<Setup> {
    }

    record Setup(RotationPolicy policy, List<Waiver> waivers) {

        List<PolicyOverride> overrides() {
            return policy.overrides();
        }

        Setup with(RotationPolicy changed) {
            return new Setup(changed, waivers);
        }

        Setup withOverrides(List<PolicyOverride> overrides) {
            return with(PolicyVersionTests.policy(policy.warningDays(), policy.unusedDays(), policy.maxAgeDays(),
                    policy.certificateWarningDays(), policy.certificateCriticalDays(), overrides));
        }

        Setup withWaivers(List<Waiver> changed) {
            return new Setup(policy, changed);
        }

        PolicyVersion version() {
            return PolicyVersion.of(policy, new Waivers(waivers));
        }
    }

    private static RotationPolicy policy(int warningDays, int unusedDays, Map<String, Integer> maxAgeDays,
                                         int certificateWarningDays, int certificateCriticalDays,
                                         List<PolicyOverride> overrides) {
        return new RotationPolicy(warningDays, unusedDays, maxAgeDays, certificateWarningDays,
                certificateCriticalDays, overrides);
    }

    private static Map<String, Integer> defaultMaxAges() {
        return RotationPolicy.defaults().maxAgeDays();
    }

    private static Map<String, Integer> maxAges(String type, int days) {
        Map<String, Integer> changed = new HashMap<>(defaultMaxAges());
        changed.put(type, days);
        return changed;
    }
}
