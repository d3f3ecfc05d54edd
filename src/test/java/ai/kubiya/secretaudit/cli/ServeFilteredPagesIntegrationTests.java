package ai.kubiya.secretaudit.cli;

import static ai.kubiya.secretaudit.cli.ServePortal.claims;
import static ai.kubiya.secretaudit.support.PortalClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.support.PortalClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A filter on a rare value (docs/portal.md#pages): each page reads at most {@code audit.portal.filter-window}
 * findings, says when it found less than a page there, and "Next page" searches on from where it stopped, until
 * every match has been shown once. A value no finding of a completed run holds is answered on the first page.
 */
class ServeFilteredPagesIntegrationTests {

    private static final Pattern NEXT = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"");
    private static final Pattern SECRET = Pattern.compile("name=rare-\\d{4}\">(rare-\\d{4})</a>");

    static ServePortal portal;
    static long run;
    static long writing;

    @BeforeAll
    static void serve() throws Exception {
        portal = new ServePortal(Map.of("audit.portal.filter-window", 1000, "audit.portal.page-size", 10));
        run = portal.jdbc.queryForObject("""
                INSERT INTO audit_run (as_of, source, dry_run, status, started_at, read_count, finding_count,
                                       policy_version, policy, app_version)
                VALUES ('2026-11-28T02:00:00Z', 'synthetic', false, 'COMPLETED', now(), 2500, 2500, 'policy-v1', '{}',
                        'test') RETURNING id""", Long.class);
        // 2,500 findings; EXPIRED only at 1,800 and 2,400: the first two windows hold none of them; one certificate
        portal.jdbc.update("""
                INSERT INTO finding (run_id, secret, rule, status, severity, lifecycle, message, type, scope, owner,
                                     policy_version)
                SELECT ?, 'rare-' || lpad(n::text, 4, '0'), 'ROTATION',
                       CASE WHEN n IN (1800, 2400) THEN 'EXPIRED' ELSE 'OVERDUE' END, 'HIGH', 'NEW', 'rotate it',
                       CASE WHEN n = 5 THEN 'certificate' ELSE 'token' END, 'organization', 'dave@acme.example',
                       'policy-v1'
                FROM generate_series(1, 2500) n""", run);
        // the same findings in a run still being written: its rows may yet change, so it is always searched
        writing = portal.jdbc.queryForObject("""
                INSERT INTO audit_run (as_of, source, dry_run, status, started_at, policy_version, policy, app_version)
                VALUES ('2026-11-29T02:00:00Z', 'synthetic', false, 'STARTED', now(), 'policy-v1', '{}', 'test')
                RETURNING id""", Long.class);
        portal.jdbc.update("""
                INSERT INTO finding (run_id, secret, rule, status, severity, lifecycle, message, type, scope, owner,
                                     policy_version)
                SELECT ?, secret, rule, status, severity, lifecycle, message, type, scope, owner, policy_version
                FROM finding WHERE run_id = ?""", writing, run);
    }

    @AfterAll
    static void stop() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void aRareFilterPagesThroughWindowsSayingSoAndShowsEveryMatchOnce() throws Exception {
        PortalClient auditor = new PortalClient();
        portal.nextSignIn("auditor-rare", claims("auditor@acme.example", true, "audit-team"));
        assertThat(auditor.follow(portal.base + "/runs").statusCode()).isEqualTo(200);

        String page = text(auditor.get(portal.base + "/runs/" + run + "/findings?status=EXPIRED"));
        List<String> shown = new ArrayList<>();
        List<Boolean> searchedOn = new ArrayList<>();
        while (true) {
            Matcher secret = SECRET.matcher(page);
            while (secret.find()) {
                shown.add(secret.group(1));
            }
            searchedOn.add(page.contains("id=\"searched\""));
            assertThat(page).doesNotContain("No findings match");
            Matcher next = NEXT.matcher(page);
            if (!next.find()) {
                break;
            }
            page = text(auditor.get(portal.base + next.group(1).replace("&amp;", "&")));
        }

        assertThat(shown).containsExactly("rare-1800", "rare-2400");
        assertThat(searchedOn).containsExactly(true, true, false);
    }

    @Test
    void valuesThatMatchNothingTogetherAreSearchedAndSaySoOnTheLastPage() throws Exception {
        // status EXPIRED and type certificate are each held, never by the same finding: only a search can tell
        assertThat(pagesUntilNoneMatch("auditor-none", run, "status=EXPIRED&type=certificate")).isEqualTo(3);
    }

    @Test
    void aRunStillBeingWrittenIsSearchedForAValueItDoesNotHoldYet() throws Exception {
        assertThat(pagesUntilNoneMatch("auditor-writing", writing, "status=MISSING")).isEqualTo(3);
    }

    @Test
    void aValueNoFindingOfACompletedRunHoldsIsAnsweredOnTheFirstPage() throws Exception {
        assertThat(pagesUntilNoneMatch("auditor-missing", run, "status=MISSING")).isEqualTo(1);
        assertThat(pagesUntilNoneMatch("auditor-type", run, "type=Certificate&severity=HIGH")).isEqualTo(1);
        // the owner is an index range, not a facet: one that holds nothing ends at once anyway
        assertThat(pagesUntilNoneMatch("auditor-owner", run, "owner=nobody@acme.example")).isEqualTo(1);
    }

    /** Follows "Next page" until the page says no findings match; each page before it says where it searched to. */
    private static int pagesUntilNoneMatch(String session, long runId, String query) throws Exception {
        PortalClient auditor = new PortalClient();
        portal.nextSignIn(session, claims("auditor@acme.example", true, "audit-team"));
        assertThat(auditor.follow(portal.base + "/runs").statusCode()).isEqualTo(200);

        String page = text(auditor.get(portal.base + "/runs/" + runId + "/findings?" + query));
        int pages = 1;
        for (Matcher next = NEXT.matcher(page); next.find(); next = NEXT.matcher(page)) {
            assertThat(page.replaceAll("\\s+", " ")).contains("Fewer than a page of these findings among the next"
                    + " <span>1,000</span> of the run");
            page = text(auditor.get(portal.base + next.group(1).replace("&amp;", "&")));
            pages++;
        }
        assertThat(page).contains("No findings match").doesNotContain("id=\"searched\"");
        return pages;
    }
}
