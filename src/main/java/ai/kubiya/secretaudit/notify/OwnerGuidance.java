package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.finding.FindingRow;
import ai.kubiya.secretaudit.notify.GuidanceProperties.Guidance;
import ai.kubiya.secretaudit.policy.Rule;
import ai.kubiya.secretaudit.report.OwnerAdvice;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What to do about one finding: the guidance configured for the secret's type, else for its rule, else the
 * rule's default (every rule has one, so no row is left without). The link's placeholders are filled with the
 * secret's own name, scope and integration, URL-encoded, so a name cannot change where the link points.
 */
final class OwnerGuidance {

    private final GuidanceProperties properties;

    OwnerGuidance(GuidanceProperties properties) {
        this.properties = properties;
    }

    OwnerAdvice advice(FindingRow row) {
        Guidance byType = properties.guidance().get(GuidanceProperties.key(row.type()));
        Guidance byRule = row.rule() == null ? null : properties.guidance().get(GuidanceProperties.key(row.rule().name()));
        String text = first(byType == null ? null : byType.text(), byRule == null ? null : byRule.text(),
                defaultText(row.rule()));
        String link = first(byType == null ? null : byType.link(), byRule == null ? null : byRule.link(), null);
        return new OwnerAdvice(text, link == null ? null : expand(link, row));
    }

    /** A link or {@code mailto:} for waiver requests; {@code null}: none configured. */
    String waiverRequest() {
        return properties.waiverRequest();
    }

    static String defaultText(Rule rule) {
        if (rule == null) {
            return "Check this secret in the Control Plane.";
        }
        return switch (rule) {
            case ROTATION -> "Rotate it: create a new value, update every consumer, then revoke the old value.";
            case CERTIFICATE_EXPIRY -> "Renew the certificate, deploy it everywhere it is used, then revoke the old"
                    + " one.";
            case UNUSED -> "Not used for a long time: delete it if nothing needs it, otherwise rotate it.";
            case METADATA -> "Complete its metadata in the Control Plane (owner, type, creation and rotation dates).";
            case REQUIRED -> "Create this required secret, or tell the security team why it is not needed.";
        };
    }

    private static String expand(String template, FindingRow row) {
        return template.replace("{name}", encode(row.secret())).replace("{scope}", encode(row.scope()))
                .replace("{integration}", encode(row.integration()));
    }

    /** Form encoding writes a space as {@code +}, which a path does not read back as a space. */
    private static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String first(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }
}
