package ai.kubiya.secretaudit.notify;

import jakarta.mail.Address;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Tells a permanent delivery failure from one worth retrying: a 5xx for the recipient or the message, or Jakarta
 * Mail refusing an address itself (no server involved, so the next run would refuse it again).
 */
final class DeliveryFailures {

    private DeliveryFailures() {
    }

    static boolean isPermanent(Throwable failure) {
        boolean talkedToServer = false;
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof AddressException) {
                return true;
            }
            if (t instanceof SMTPAddressFailedException || t instanceof SMTPSendFailedException) {
                // a reply of the server, or none at all (code -1: the connection closed at RCPT, "[EOF]"):
                // only a 5xx is final; a dropped connection is worth the next run's attempt
                int code = t instanceof SMTPAddressFailedException address ? address.getReturnCode()
                        : ((SMTPSendFailedException) t).getReturnCode();
                if (code >= 500) {
                    return true;
                }
                talkedToServer = true;
            }
        }
        return !talkedToServer && refusedByClient(failure);
    }

    /**
     * A {@link SendFailedException} without a server's reply and with no address left worth trying (a 4xx puts
     * the address among the valid unsent ones): Jakarta Mail found the recipients unusable before sending.
     */
    private static boolean refusedByClient(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SendFailedException send) {
                Address[] unsent = send.getValidUnsentAddresses();
                return unsent == null || unsent.length == 0;
            }
        }
        return false;
    }

    /**
     * The failure with the server's own words: Jakarta Mail says "Invalid Addresses" and keeps the
     * {@code 550 …} reply in a nested exception, which is what an auditor needs to read.
     */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(message(failure));
        Throwable t = next(failure);
        for (int depth = 0; t != null && depth < 5; depth++, t = next(t)) {
            String detail = message(t);
            if (text.indexOf(detail) < 0) {
                text.append(": ").append(detail);
            }
        }
        return text.toString();
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
    }

    private static Throwable next(Throwable t) {
        if (t instanceof SendFailedException send && send.getNextException() != null && send.getNextException() != t) {
            return send.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
