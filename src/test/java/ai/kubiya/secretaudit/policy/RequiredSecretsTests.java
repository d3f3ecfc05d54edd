package ai.kubiya.secretaudit.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The REQUIRED rule's decision, without a database: which required names a run's inventory lacks, per group. */
class RequiredSecretsTests {

    @Test
    void eachGroupListsTheNamesItMissesAndTheGlobalListComesFirst() {
        // given
        Map<String, List<String>> byIntegration = new LinkedHashMap<>();
        byIntegration.put("github", List.of("gh-token", "gh-webhook"));
        byIntegration.put("slack", List.of("slack-bot"));
        RequiredSecrets rule = RequiredSecrets.of(List.of("db-password", "smtp-password"), byIntegration);

        // when
        Map<String, List<String>> missing = rule.missing(Set.of("smtp-password", "gh-token", "slack-bot"));

        // then
        assertThat(missing).containsExactly(
                Map.entry(RequiredSecrets.ALL_INTEGRATIONS, List.of("db-password")),
                Map.entry("github", List.of("gh-webhook")),
                Map.entry("slack", List.of()));
    }

    @Test
    void aNameListedTwiceIsMissingOnceInTheOrderItWasConfigured() {
        // given
        RequiredSecrets rule = RequiredSecrets.of(List.of("b", "a", "b", "c"), Map.of());

        // when
        Map<String, List<String>> missing = rule.missing(Set.of("c"));

        // then
        assertThat(missing.get(RequiredSecrets.ALL_INTEGRATIONS)).containsExactly("b", "a");
    }

    @Test
    void groupsThatRequireNothingAreLeftOut() {
        // given
        RequiredSecrets rule = RequiredSecrets.of(List.of(), Map.of("jira", List.of()));

        // when / then
        assertThat(rule.byGroup()).isEmpty();
        assertThat(rule.names()).isEmpty();
        assertThat(rule.missing(Set.of("anything"))).isEmpty();
    }

    @Test
    void theNamesToLookUpAreEveryNameOfEveryGroupOnce() {
        // given
        RequiredSecrets rule = RequiredSecrets.of(List.of("a", "b"), Map.of("github", List.of("b", "c")));

        // when / then
        assertThat(rule.names()).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void namesPresentButNotRequiredChangeNothing() {
        // given
        RequiredSecrets rule = RequiredSecrets.of(List.of("a"), Map.of());

        // when / then
        assertThat(rule.missing(Set.of("a", "x", "y"))).containsExactly(Map.entry(RequiredSecrets.ALL_INTEGRATIONS,
                List.of()));
        assertThat(rule.missing(Set.of("x"))).containsExactly(Map.entry(RequiredSecrets.ALL_INTEGRATIONS,
                List.of("a")));
    }
}
