package ai.kubiya.secretaudit.chat;

/**
 * Posts rendered chat messages, one at a time, from one thread; one instance per delivery (a send step), closed at
 * its end. Waiting out a rate limit ({@code 429} with {@code Retry-After}) is the transport's: it retries the same
 * request after the wait, up to a bound, and only then gives up with a {@link ChatFailure}.
 */
public interface ChatTransport extends AutoCloseable {

    /**
     * Posts one message. Returns normally only when the service accepted it (the caller then marks it SENT).
     *
     * @param target  where it goes, as the outbox stores it (the transport's own notation, see its class)
     * @param payload the rendered message, as the outbox stores it
     * @throws ChatFailure when it was not accepted, saying whether it ever can be and whether to go on
     */
    void post(String target, byte[] payload) throws ChatFailure;

    /** For log lines: the service and where, never a token or a full webhook URL. */
    String describe();

    @Override
    void close();
}
