package ai.kubiya.secretaudit.policy;

/**
 * What counts as a usable owner address (SPEC §4): deliberately simple, because the question is
 * "can we mail this owner", not RFC 5322 conformance. Public: notification routes invalid owners to
 * the fallback recipient with the same test.
 */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    /**
     * True when {@code address} has exactly one {@code @}, a non-empty local part, a domain containing a
     * dot that neither starts nor ends it, and no whitespace or control character anywhere.
     */
    public static boolean isValid(String address) {
        if (address == null) {
            return false;
        }
        int at = -1;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c == '@') {
                if (at >= 0) {
                    return false;
                }
                at = i;
            } else if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                return false;
            }
        }
        int domain = at + 1;
        int last = address.length() - 1;
        return at > 0 && domain < last
                && address.charAt(domain) != '.' && address.charAt(last) != '.'
                && address.indexOf('.', domain) > 0;
    }

    /** The part after the {@code @}, lower-cased; call only on valid addresses. */
    public static String domain(String address) {
        return address.substring(address.indexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
