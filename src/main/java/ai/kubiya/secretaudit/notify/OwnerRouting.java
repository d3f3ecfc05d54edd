package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.policy.EmailAddresses;
import jakarta.mail.internet.InternetAddress;

/**
 * Where an owner's findings go: to the owner at the address {@link EmailAddresses} parsed (the one the METADATA
 * rule accepted, the one put on the message), or else into the fallback recipient's email, or else nowhere, as
 * an unroutable owner with the reason.
 */
final class OwnerRouting {

    /**
     * @param to     the owner's address; {@code null} when they are not mailed themselves
     * @param reason why not, in words that never quote the owner; {@code null} when {@code to} is set
     */
    record Route(InternetAddress to, String reason) {
    }

    private final MailProperties properties;
    private final InternetAddress fallback;

    OwnerRouting(MailProperties properties) {
        this.properties = properties;
        this.fallback = properties.fallbackRecipient() == null ? null
                : MailProperties.address(properties.fallbackRecipient());
    }

    /**
     * The key an owner is known by: one mailbox, whatever the letter case it was written in ({@code Dana.Ops@…} and
     * {@code dana.ops@…} are one owner, one email). RFC 5321 lets a server tell local parts apart by case; issue 15
     * decided that no mail system this audit serves does. Only ASCII letters fold: routable addresses are ASCII
     * ({@link EmailAddresses}), and PostgreSQL's {@code lower()}, which the outbox keys on, folds them alike in
     * every locale.
     */
    static String mailbox(String owner) {
        if (owner == null) {
            return null;
        }
        char[] folded = owner.toCharArray();
        for (int i = 0; i < folded.length; i++) {
            if (folded[i] >= 'A' && folded[i] <= 'Z') {
                folded[i] = (char) (folded[i] + ('a' - 'A'));
            }
        }
        return new String(folded);
    }

    boolean hasFallback() {
        return fallback != null;
    }

    /** {@code audit.mail.fallback-recipient}, or {@code null} when unset. */
    InternetAddress fallback() {
        return fallback == null ? null : (InternetAddress) fallback.clone();
    }

    Route route(String owner) {
        if (owner == null || owner.isBlank()) {
            return new Route(null, "no owner (created_by) recorded");
        }
        EmailAddresses.Parsed parsed = EmailAddresses.parse(owner);
        if (!parsed.isValid()) {
            return new Route(null, "not a valid email address: " + parsed.problem());
        }
        if (!properties.allowedDomains().isEmpty()
                && properties.allowedDomains().stream().noneMatch(parsed.domain()::equalsIgnoreCase)) {
            return new Route(null, "domain not in audit.mail.allowed-domains");
        }
        if (fallback != null && fallback.getAddress().equalsIgnoreCase(owner)) {
            // the outbox holds one reminder per recipient and run: the fallback's own rows join its email
            return new Route(null, "the fallback recipient");
        }
        return new Route(parsed.address(), null);
    }
}
