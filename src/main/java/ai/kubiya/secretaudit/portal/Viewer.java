package ai.kubiya.secretaudit.portal;

import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Who is looking: the provider's subject, and for an {@code OWNER} the verified mailbox (lower case) that every query
 * of theirs is filtered by. Built from the authentication on every request, so no page trusts an id alone.
 */
record Viewer(String subject, String mailbox, boolean auditor) {

    static Viewer of(Authentication authentication) {
        boolean auditor = authentication.getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + PortalRoles.AUDITOR).equals(authority.getAuthority()));
        Map<String, Object> claims = authentication.getPrincipal() instanceof OidcUser user
                ? PortalRoles.claims(user.getIdToken(), user.getUserInfo()) : Map.of();
        String mailbox = PortalRoles.verifiedEmail(claims);
        if (!auditor && mailbox == null) {
            // the roles guarantee an owner's verified email; without it, this viewer may see nothing
            throw new IllegalStateException("a signed-in owner without a verified email");
        }
        return new Viewer(authentication.getName(), mailbox, auditor);
    }

    String role() {
        return auditor ? PortalRoles.AUDITOR : PortalRoles.OWNER;
    }

    /** The mailbox an owner's queries are limited to; null for an auditor (no limit). */
    String ownerLimit() {
        return auditor ? null : mailbox;
    }
}
