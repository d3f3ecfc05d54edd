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

    private static Throwable next(Throwable t) {
        if (t instanceof SendFailedException send && send.getNextException() != null && send.getNextException() != t) {
            return send.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
