package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.policy.EmailAddresses;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code audit.mail.guidance.*} and {@code audit.mail.waiver-request}, bound with the rest of {@code audit.mail} by
 * {@link MailProperties} (one record per prefix): what owners are told to do, per secret type or rule
 * (docs/owners.md#guidance). Checked while binding: a link that is not {@code https:}, {@code http:} or
 * {@code mailto:}, or that names a placeholder other than {@code {name}}, {@code {scope}} and
 * {@code {integration}}, stops start-up naming the key.
 *
 * @param guidance      by secret type or rule name (letter case, {@code -} and {@code _} ignored); each key's
 *                      {@code text} and/or {@code link} replace the default's
 * @param waiverRequest where to ask for a waiver: a link, or an email address (becomes {@code mailto:})
 */
record GuidanceProperties(Map<String, Guidance> guidance, String waiverRequest) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    /** Compiled once: {@link #key} runs twice for every finding of every owner email. */
    private static final Pattern NOT_A_KEY_CHARACTER = Pattern.compile("[^a-z0-9]");

    /** @param link a URL template: {@code {name}}, {@code {scope}}, {@code {integration}} are URL-encoded in */
    record Guidance(String text, String link) {
    }

    GuidanceProperties {
        Map<String, Guidance> checked = new TreeMap<>();
        if (guidance != null) {
            guidance.forEach((key, value) -> checked.put(key(key), check("audit.mail.guidance." + key, value)));
        }
        guidance = Map.copyOf(checked);
        waiverRequest = waiverRequest(waiverRequest);
    }

    /** How a type or rule is looked up: {@code API_KEY}, {@code api-key} and {@code apikey} are one key. */
    static String key(String typeOrRule) {
        if (typeOrRule == null) {
            return "";
        }
        return NOT_A_KEY_CHARACTER.matcher(typeOrRule.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    private static Guidance check(String key, Guidance guidance) {
        if (guidance == null || (blank(guidance.text()) && blank(guidance.link()))) {
            throw new IllegalArgumentException(key + " needs a text and/or a link (was empty)");
        }
        String text = blank(guidance.text()) ? null : guidance.text().strip();
        String link = blank(guidance.link()) ? null : link(key + ".link", guidance.link().strip(), true);
        return new Guidance(text, link);
    }

    private static String waiverRequest(String configured) {
        if (blank(configured)) {
            return null;
        }
        String value = configured.strip();
        if (!value.contains(":") && value.contains("@")) {
            EmailAddresses.Parsed parsed = EmailAddresses.parse(value);
            if (!parsed.isValid()) {
                throw new IllegalArgumentException("audit.mail.waiver-request is neither a link nor a valid email"
                        + " address (" + parsed.problem() + ")");
            }
            return "mailto:" + value;
        }
        return link("audit.mail.waiver-request", value, false);
    }

    /** Links end up in an HTML attribute and a spreadsheet cell: a known scheme, no spaces, quotes or brackets. */
    private static String link(String key, String link, boolean placeholders) {
        String lower = link.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("https://") || lower.startsWith("http://") || lower.startsWith("mailto:"))) {
            throw new IllegalArgumentException(key + " must start with https://, http:// or mailto:");
        }
        if (link.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '\\'
                || c == 0x7f)) {
            throw new IllegalArgumentException(key + " must not contain spaces, quotes, angle brackets or control"
                    + " characters (URL-encode them)");
        }
        Matcher matcher = PLACEHOLDER.matcher(link);
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!placeholders || !(name.equals("name") || name.equals("scope") || name.equals("integration"))) {
                throw new IllegalArgumentException(key + ": unknown placeholder {" + name + "}"
                        + (placeholders ? " (known: {name}, {scope}, {integration})" : " (this link takes none)"));
            }
        }
        return link;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
