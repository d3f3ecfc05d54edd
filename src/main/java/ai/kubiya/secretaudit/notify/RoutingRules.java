package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.InvalidConfigurationException;
import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.policy.EmailAddresses;
import ai.kubiya.secretaudit.policy.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The routing file, read and checked ({@link RoutingFile}): its rules and the owners who have left. Of the rules
 * matching a secret, the most specific wins, and of equally specific ones the later, as the policy overrides do.
 */
public final class RoutingRules {

    private final List<RoutingRule> rules;
    private final Glob[] owners;
    private final Glob[] names;
    private final Set<String> absent;

    RoutingRules(List<RoutingRule> rules, Set<String> absent) {
        this.rules = List.copyOf(rules);
        this.owners = this.rules.stream().map(r -> r.owner() == null ? null : Glob.of(lower(r.owner())))
                .toArray(Glob[]::new);
        this.names = this.rules.stream().map(r -> r.name() == null ? null : Glob.of(r.name())).toArray(Glob[]::new);
        this.absent = absent.stream().map(RoutingRules::lower).collect(Collectors.toUnmodifiableSet());
    }

    /** No routing file: every owner is mailed at their own address, escalations copy the global address. */
    static RoutingRules none() {
        return new RoutingRules(List.of(), Set.of());
    }

    boolean isEmpty() {
        return rules.isEmpty() && absent.isEmpty();
    }

    List<RoutingRule> rules() {
        return rules;
    }

    /** Listed under {@code absent:} in the routing file; compared case-insensitively. */
    boolean hasLeft(String owner) {
        return owner != null && absent.contains(lower(owner));
    }

    /** The rule for a finding's secret, or {@code null} when none matches. */
    RoutingRule match(FindingRow row) {
        return match(row.owner(), row.scope(), row.integration(), row.secret());
    }

    RoutingRule match(String owner, String scope, String integration, String name) {
        RoutingRule best = null;
        for (int i = 0; i < rules.size(); i++) {
            RoutingRule candidate = rules.get(i);
            if (candidate.matches(owner, scope, integration, name, owners[i], names[i])
                    && (best == null || candidate.specificity() >= best.specificity())) {
                best = candidate;
            }
        }
        return best;
    }

    /** Every address some rule sends to, in lower case: such an owner's own rows join that team email. */
    Set<String> teamAddresses() {
        return rules.stream().flatMap(r -> r.recipients().stream()).map(RoutingRules::lower)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The rules naming {@code recipient} among their recipients, described; empty when none does. */
    List<String> rulesSendingTo(String recipient) {
        List<String> described = new ArrayList<>();
        for (RoutingRule rule : rules) {
            if (rule.recipients().stream().anyMatch(recipient::equalsIgnoreCase)) {
                described.add(rule.describe());
            }
        }
        return described;
    }

    /**
     * A team address or escalation contact outside {@code audit.mail.allowed-domains} would be mailed all the same
     * (only owners are checked against it when routed): refused at start-up instead.
     */
    void requireAllowedDomains(List<String> allowedDomains, String where) {
        if (allowedDomains.isEmpty()) {
            return;
        }
        for (RoutingRule rule : rules) {
            List<String> addresses = new ArrayList<>(rule.recipients());
            if (rule.escalationContact() != null) {
                addresses.add(rule.escalationContact());
            }
            for (String address : addresses) {
                String domain = EmailAddresses.parse(address).domain();
                if (allowedDomains.stream().noneMatch(domain::equalsIgnoreCase)) {
                    throw new InvalidConfigurationException(where + " rule " + rule.number()
                            + ": an address is outside audit.mail.allowed-domains");
                }
            }
        }
    }

    static String lower(String address) {
        return address.strip().toLowerCase(Locale.ROOT);
    }
}
