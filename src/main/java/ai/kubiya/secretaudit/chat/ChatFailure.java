package ai.kubiya.secretaudit.chat;

/**
 * A chat message the service did not accept. Its message is for the Run sheet and the log: the service's error code
 * and our words, never a token, a webhook URL or the message's text.
 */
public final class ChatFailure extends Exception {

    private final boolean permanent;
    private final boolean stopsDelivery;

    /**
     * @param permanent     this message can never be delivered as it is ({@code users_not_found},
     *                      {@code channel_not_found}, a webhook that is gone): it is not retried
     * @param stopsDelivery no other message of this kind can be delivered in this run either (the service is
     *                      down or unreachable, the token is rejected, the rate limit outlasts the wait): they stay
     *                      queued for the next run
     */
    public ChatFailure(String message, boolean permanent, boolean stopsDelivery) {
        super(message);
        this.permanent = permanent;
        this.stopsDelivery = stopsDelivery;
    }

    public boolean permanent() {
        return permanent;
    }

    public boolean stopsDelivery() {
        return stopsDelivery;
    }
}
