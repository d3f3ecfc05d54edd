package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.finding.FindingRow;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run's routing by the routing file: the findings of an owner who cannot be mailed (left, bounced, or no
 * usable address) go to the recipients of the rule matching each secret, collected per recipient so that each
 * gets one email at the end of the run, as the fallback recipient does.
 */
final class TeamRouting {

    private final RoutingRules rules;
    private final Set<String> bounced;
    private final Set<String> teamAddresses;
    private final Map<String, List<FindingRow>> teams = new LinkedHashMap<>();
    private final Map<String, InternetAddress> addresses = new LinkedHashMap<>();

    /** @param bounced recipients whose last reminder in an earlier run failed permanently, in lower case */
    TeamRouting(RoutingRules rules, Set<String> bounced) {
        this.rules = rules;
        this.bounced = Set.copyOf(bounced);
        this.teamAddresses = rules.teamAddresses();
    }

    /** Listed as absent, or bounced in an earlier run: such an owner is routed to their team when a rule has one. */
    boolean hasLeft(String owner) {
        return owner != null && (rules.hasLeft(owner) || bounced.contains(RoutingRules.lower(owner)));
    }

    /**
     * Takes the rows that go to a team and returns the rest for the owner's usual route ({@code to}: the owner's
     * address, {@code null} when it cannot be mailed). A mailable owner keeps
     * their rows, unless their own address is a team's: then they join that team email (one per recipient and run).
     */
    List<FindingRow> divert(String owner, InternetAddress to, List<FindingRow> rows) {
        if (rules.isEmpty()) {
            return rows;
        }
        if (to != null && !hasLeft(owner)) {
            if (!teamAddresses.contains(RoutingRules.lower(to.getAddress()))) {
                return rows;
            }
            add(to.getAddress(), rows);
            return List.of();
        }
        List<FindingRow> rest = new ArrayList<>();
        for (FindingRow row : rows) {
            RoutingRule rule = rules.match(row);
            if (rule == null || rule.recipients().isEmpty()) {
                rest.add(row);
            } else {
                rule.recipients().forEach(recipient -> add(recipient, List.of(row)));
            }
        }
        return rest;
    }

    /** Adds the fallback recipient's rows to its team email when it is a team address too; false otherwise. */
    boolean join(InternetAddress recipient, List<FindingRow> rows) {
        if (!teams.containsKey(RoutingRules.lower(recipient.getAddress()))) {
            return false;
        }
        add(recipient.getAddress(), rows);
        return true;
    }

    /** Recipient → the rows of their team email, in the order the recipients were first routed to. */
    Map<InternetAddress, List<FindingRow>> emails() {
        Map<InternetAddress, List<FindingRow>> emails = new LinkedHashMap<>();
        teams.forEach((key, rows) -> emails.put((InternetAddress) addresses.get(key).clone(), rows));
        return emails;
    }

    private void add(String address, List<FindingRow> rows) {
        String key = RoutingRules.lower(address);
        addresses.computeIfAbsent(key, k -> MailProperties.address(address));
        teams.computeIfAbsent(key, k -> new ArrayList<>()).addAll(rows);
    }
}
