package ai.kubiya.secretaudit.policy;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The REQUIRED rule's decision: which required names a run's inventory lacks. A pure function of the required
 * lists and the names present, so the database only has to say which names it holds.
 *
 * @param byGroup the required names of each group: {@link #ALL_INTEGRATIONS} ({@code audit.required}) first, then
 *                each integration ({@code audit.integrations.<i>.required}) that requires any, in the given order
 */
public record RequiredSecrets(Map<String, List<String>> byGroup) {

    /** The group of {@code audit.required}: names required whatever the integration. */
    public static final String ALL_INTEGRATIONS = "(all)";

    public RequiredSecrets {
        byGroup = Collections.unmodifiableMap(new LinkedHashMap<>(byGroup));
    }

    /** Groups without a required name are left out: they can be neither complete nor incomplete. */
    public static RequiredSecrets of(List<String> required, Map<String, List<String>> byIntegration) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        if (!required.isEmpty()) {
            groups.put(ALL_INTEGRATIONS, List.copyOf(required));
        }
        byIntegration.forEach((integration, names) -> {
            if (!names.isEmpty()) {
                groups.put(integration, List.copyOf(names));
            }
        });
        return new RequiredSecrets(groups);
    }

    /** Every name some group requires: the only names whose presence {@link #missing} asks about. */
    public Set<String> names() {
        Set<String> names = new HashSet<>();
        byGroup.values().forEach(names::addAll);
        return names;
    }

    /**
     * @param present the required names the inventory holds (others are ignored)
     * @return each group with the names it misses, once each and in configured order; an empty list when complete
     */
    public Map<String, List<String>> missing(Set<String> present) {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        byGroup.forEach((group, names) -> missing.put(group,
                names.stream().filter(name -> !present.contains(name)).distinct().toList()));
        return missing;
    }
}
