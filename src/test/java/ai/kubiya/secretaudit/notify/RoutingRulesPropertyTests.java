package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Of the routing rules matching a secret, the most specific wins, and of equally specific ones the later — as the
 * policy overrides do. Checked against a plain restatement over random overlapping rule lists.
 */
class RoutingRulesPropertyTests {

    private static final String OWNER = "Dana.Ops@Corp.example";
    private static final String SCOPE = "payments";
    private static final String INTEGRATION = "github";
    private static final String NAME = "pay-db-token";

    @Property
    void theMostSpecificMatchingRuleWinsAndOfEquallySpecificOnesTheLater(
            @ForAll("rules") @Size(max = 12) List<RoutingRule> drawn) {
        List<RoutingRule> rules = numbered(drawn);
        RoutingRules routing = new RoutingRules(rules, Set.of());

        RoutingRule chosen = routing.match(OWNER, SCOPE, INTEGRATION, NAME);

        RoutingRule expected = null;
        for (RoutingRule rule : rules) {
            if (matchesByHand(rule) && (expected == null || rule.specificity() >= expected.specificity())) {
                expected = rule;
            }
        }
        assertThat(chosen).isEqualTo(expected);
        if (chosen != null) {
            int best = rules.stream().filter(RoutingRulesPropertyTests::matchesByHand)
                    .mapToInt(RoutingRule::specificity).max().orElseThrow();
            assertThat(chosen.specificity()).isEqualTo(best);
            assertThat(rules.stream().filter(RoutingRulesPropertyTests::matchesByHand)
                    .filter(rule -> rule.specificity() == best).mapToInt(RoutingRule::number).max())
                    .hasValue(chosen.number());
        }
    }

    /** Criteria that match the secret (in any letter case for owner, scope, integration), miss it, or are unset. */
    @Provide
    Arbitrary<List<RoutingRule>> rules() {
        Arbitrary<String> owner = Arbitraries.of(null, "*@corp.example", "DANA.OPS@*", "dana.ops@corp.example",
                "*@other.example", "d?na*");
        Arbitrary<String> scope = Arbitraries.of(null, "payments", "PAYMENTS", "user");
        Arbitrary<String> integration = Arbitraries.of(null, "github", "GitHub", "gitlab");
        Arbitrary<String> name = Arbitraries.of(null, "pay-*", "pay-db-token", "PAY-*", "*-token", "other");
        return Combinators.combine(owner, scope, integration, name)
                .as((o, s, i, n) -> new RoutingRule(0, o, s, i, n, List.of("team@corp.example"), null, null, null))
                .filter(rule -> rule.specificity() > 0).list();
    }

    private static List<RoutingRule> numbered(List<RoutingRule> drawn) {
        List<RoutingRule> rules = new ArrayList<>();
        for (RoutingRule rule : drawn) {
            rules.add(new RoutingRule(rules.size() + 1, rule.owner(), rule.scope(), rule.integration(), rule.name(),
                    rule.recipients(), null, null, null));
        }
        return rules;
    }

    /** Spelled out for the five owner globs and five name globs drawn above. */
    private static boolean matchesByHand(RoutingRule rule) {
        boolean owner = rule.owner() == null || List.of("*@corp.example", "DANA.OPS@*", "dana.ops@corp.example",
                "d?na*").contains(rule.owner());
        boolean scope = rule.scope() == null || rule.scope().equalsIgnoreCase(SCOPE);
        boolean integration = rule.integration() == null || rule.integration().equalsIgnoreCase(INTEGRATION);
        boolean name = rule.name() == null || List.of("pay-*", "pay-db-token", "*-token").contains(rule.name());
        return owner && scope && integration && name;
    }
}
