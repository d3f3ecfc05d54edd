package ai.kubiya.secretaudit.support;

import java.util.regex.Pattern;

/**
 * The usable owner address of docs/email.md#owner-addresses, restated as one regular expression, independently of {@code EmailAddresses}:
 * a dot-atom local part of at most 64 characters, {@code @}, a host name of dot-separated labels (letters,
 * digits, inner hyphens, at most 63 each; the last not all digits) with at least one dot, at most 254 in all,
 * ASCII only. Fuzzers and property tests judge what they generate with it.
 */
public final class OwnerAddressSpec {

    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

    public static final Pattern USABLE = Pattern.compile("(?=[\\x00-\\x7f]{1,254}\\z)(?=[^@]{1,64}@)"
            + ATOM + "(?:\\." + ATOM + ")*@(?:" + LABEL + "\\.)+(?=[0-9]*[A-Za-z-])" + LABEL);

    private OwnerAddressSpec() {
    }

    public static boolean isUsable(String address) {
        return address != null && USABLE.matcher(address).matches();
    }
}
