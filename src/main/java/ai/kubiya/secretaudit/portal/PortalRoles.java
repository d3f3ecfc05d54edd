package ai.kubiya.secretaudit.portal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;

/**
 * The portal's two roles from the signed-in user's claims (docs/portal.md#who-may-see-what): {@code AUDITOR} when
 * the roles claim names an auditor group, else {@code OWNER} when it names an owner group and the provider vouches
 * for the email ({@code email_verified} true: an owner sees what is filed under that address), else no role at all,
 * which every page answers with 403. Nothing the provider grants besides (scopes) is kept.
 */
final class PortalRoles implements GrantedAuthoritiesMapper {

    static final String AUDITOR = "AUDITOR";
    static final String OWNER = "OWNER";

    private final PortalProperties properties;

    PortalRoles(PortalProperties properties) {
        this.properties = properties;
    }

    @Override
    public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
        Map<String, Object> claims = new HashMap<>();
        for (GrantedAuthority authority : authorities) {
            if (authority instanceof OidcUserAuthority oidc) {
                claims.putAll(claims(oidc.getIdToken(), oidc.getUserInfo()));
            }
        }
        return role(claims).map(role -> Set.of(new SimpleGrantedAuthority("ROLE_" + role))).orElse(Set.of());
    }

    /**
     * The claims a role and a mailbox are read from, the same for both: user info, overridden by the signed ID token.
     * (An {@code OidcUser}'s own claims let user info win: a provider whose two disagreed on the email would have
     * granted OWNER on one address and filtered the pages on the other.)
     */
    static Map<String, Object> claims(OidcIdToken idToken, OidcUserInfo userInfo) {
        Map<String, Object> claims = new HashMap<>();
        if (userInfo != null) {
            claims.putAll(userInfo.getClaims());
        }
        claims.putAll(idToken.getClaims());
        return claims;
    }

    Optional<String> role(Map<String, Object> claims) {
        List<String> groups = groups(claims.get(properties.rolesClaim()));
        if (groups.stream().anyMatch(properties.auditorGroups()::contains)) {
            return Optional.of(AUDITOR);
        }
        if (groups.stream().anyMatch(properties.ownerGroups()::contains) && verifiedEmail(claims) != null) {
            return Optional.of(OWNER);
        }
        return Optional.empty();
    }

    /** The email, in lower case, when the provider says it verified it; else null. */
    static String verifiedEmail(Map<String, Object> claims) {
        Object verified = claims.get("email_verified");
        boolean isVerified = Boolean.TRUE.equals(verified) || "true".equals(verified);
        return isVerified && claims.get("email") instanceof String email && !email.isBlank()
                ? email.strip().toLowerCase(Locale.ROOT) : null;
    }

    /** A list claim, or one group as a plain string (some providers send a single group that way). */
    private static List<String> groups(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(value -> String.valueOf(value).strip().toLowerCase(Locale.ROOT)).toList();
        }
        return claim instanceof String value ? List.of(value.strip().toLowerCase(Locale.ROOT)) : List.of();
    }
}
