package ai.kubiya.secretaudit.notify;

import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/** Tells a permanent delivery failure (a 5xx for the recipient or message) from one worth retrying. */
final class DeliveryFailures {

    private DeliveryFailures() {
    }

    static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SMTPAddressFailedException address && address.getReturnCode() >= 500) {
                return true;
            }
            if (t instanceof SMTPSendFailedException send && send.getReturnCode() >= 500) {
                return true;
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
