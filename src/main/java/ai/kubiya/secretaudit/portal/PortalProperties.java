package ai.kubiya.secretaudit.portal;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.portal.*} (docs/portal.md#configuration). Checked while binding, so a bad value stops {@code serve}
 * before PostgreSQL starts, naming the key.
 *
 * @param port          the port {@code serve} listens on (default 8080)
 * @param rolesClaim    the ID-token or user-info claim that lists the user's groups (default {@code groups})
 * @param auditorGroups groups whose members are {@code AUDITOR}s: every run, finding, download and the access log
 * @param ownerGroups   groups whose members are {@code OWNER}s: only the findings of the secrets they own
 * @param pageSize      findings per page (default 100, at most 1000)
 * @param filterWindow  findings a filtered page reads at most to find its matches (default 20,000, at least 1,000)
 * @param enabled       whether {@code daemon} serves the portal too, on {@link #port} (default false; {@code serve}
 *                      always does)
 */
@ConfigurationProperties(prefix = "audit.portal")
public record PortalProperties(int port, String rolesClaim, List<String> auditorGroups, List<String> ownerGroups,
                               int pageSize, int filterWindow, boolean enabled) {

    public PortalProperties {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("audit.portal.port must be a port number, 1 to 65535 (was " + port + ")");
        }
        if (rolesClaim == null || rolesClaim.isBlank()) {
            throw new IllegalArgumentException("audit.portal.roles-claim must name a claim, e.g. groups");
        }
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("audit.portal.page-size must be 1 to 1000 (was " + pageSize + ")");
        }
        if (filterWindow < MIN_FILTER_WINDOW) {
            throw new IllegalArgumentException("audit.portal.filter-window must be at least " + MIN_FILTER_WINDOW
                    + " (was " + filterWindow + ")");
        }
        auditorGroups = normalised(auditorGroups);
        ownerGroups = normalised(ownerGroups);
    }

    /** Below this, a filter on a common value would take more pages than rows it shows. */
    static final int MIN_FILTER_WINDOW = 1000;

    /** Group names compare without regard to letter case or surrounding blanks: identity providers differ in both. */
    private static List<String> normalised(List<String> groups) {
        return groups == null ? List.of() : groups.stream().map(group -> group.strip().toLowerCase(Locale.ROOT))
                .filter(group -> !group.isEmpty()).distinct().toList();
    }
}
