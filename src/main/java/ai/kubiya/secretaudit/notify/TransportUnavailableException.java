package ai.kubiya.secretaudit.notify;

/** The mail server cannot be reached at all: no point trying the other messages of this run. */
class TransportUnavailableException extends jakarta.mail.MessagingException {

    TransportUnavailableException(String message, Exception cause) {
        super(message, cause);
    }
}
