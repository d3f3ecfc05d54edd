package ai.kubiya.secretaudit.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;

/** Which role a set of claims gives (docs/portal.md#who-may-see-what). */
class PortalRolesTests {

    final PortalRoles roles = new PortalRoles(new PortalProperties(8080, "groups", List.of(" Audit-Team "),
            List.of("owners"), 100, 20_000, false));

    @Test
    void anAuditorGroupMakesAnAuditorWhateverTheLetterCaseAndAnOwnerGroupBeside() {
        assertThat(roles.role(Map.of("groups", List.of("staff", "AUDIT-team", "owners")))).hasValue("AUDITOR");
    }

    @Test
    void anOwnerNeedsAnOwnerGroupAndAnEmailTheProviderVerified() {
        assertThat(roles.role(claims("owners", "alice@acme.example", true))).hasValue("OWNER");
        assertThat(roles.role(claims("owners", "alice@acme.example", false))).isEmpty();
        assertThat(roles.role(Map.of("groups", List.of("owners"), "email", "alice@acme.example"))).isEmpty();
        assertThat(roles.role(Map.of("groups", List.of("owners"), "email_verified", true))).isEmpty();
    }

    @Test
    void aGroupSentAsOnePlainStringCounts() {
        assertThat(roles.role(Map.of("groups", "audit-team"))).hasValue("AUDITOR");
    }

    @Test
    void noConfiguredGroupOrNoClaimAtAllIsNoRole() {
        assertThat(roles.role(claims("staff", "carol@acme.example", true))).isEmpty();
        assertThat(roles.role(Map.of("email", "carol@acme.example", "email_verified", true))).isEmpty();
        assertThat(roles.role(Map.of("groups", 42))).isEmpty();
    }

    @Test
    void theOwnersMailboxIsTheVerifiedEmailInLowerCase() {
        assertThat(PortalRoles.verifiedEmail(Map.of("email", " Alice@ACME.example", "email_verified", "true")))
                .isEqualTo("alice@acme.example");
    }

    @Property
    void noClaimsEverMakeAnOwnerWithoutAVerifiedEmail(@ForAll("groups") List<String> groups,
                                                       @ForAll("verified") Object verified) {
        Map<String, Object> claims = new HashMap<>(Map.of("groups", groups, "email", "x@acme.example"));
        if (verified != null) {
            claims.put("email_verified", verified);
        }
        boolean vouched = Boolean.TRUE.equals(verified) || "true".equals(verified);
        if (!vouched) {
            assertThat(roles.role(claims)).isNotEqualTo(java.util.Optional.of("OWNER"));
        }
    }

    @Provide
    Arbitrary<List<String>> groups() {
        return Arbitraries.of("owners", "OWNERS", "audit-team", "staff", "", " owners ").list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<Object> verified() {
        return Arbitraries.<Object>of(true, false, "true", "false", "TRUE", "yes", 1, 0).injectNull(0.2);
    }

    private static Map<String, Object> claims(String group, String email, boolean verified) {
        return Map.of("groups", List.of(group), "email", email, "email_verified", verified);
    }

    /** The role and the mailbox its pages are filtered by come from the same claims: the signed ID token's first. */
    @Test
    void theIdTokensEmailWinsOverUserInfoForTheRoleAndTheMailboxAlike() {
        Instant now = Instant.now();
        OidcIdToken idToken = new OidcIdToken("t", now, now.plusSeconds(60),
                Map.of("sub", "dana", "email", "Dana@Acme.example", "email_verified", true));
        OidcUserInfo userInfo = new OidcUserInfo(
                Map.of("sub", "dana", "email", "mallory@acme.example", "email_verified", true));

        assertThat(PortalRoles.verifiedEmail(PortalRoles.claims(idToken, userInfo))).isEqualTo("dana@acme.example");
        assertThat(PortalRoles.verifiedEmail(PortalRoles.claims(idToken, null))).isEqualTo("dana@acme.example");
    }
}
