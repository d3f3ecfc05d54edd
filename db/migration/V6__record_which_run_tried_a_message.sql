-- The run that last tried to deliver a message. A run tries each message at most once (the attempt limit
-- counts runs), now that an owner reminder is delivered by the step that queues it and the send step after it
-- delivers only what is left.
ALTER TABLE mail_outbox ADD COLUMN last_attempt_run_id bigint;

-- An undelivered reminder replaced by a newer one for the same recipient (their findings changed while the mail
-- server was away) is SUPERSEDED: never sent, so an owner does not get yesterday's list beside today's.
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_state_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_state_check
    CHECK (state IN ('PENDING', 'SENT', 'FAILED_TEMPORARY', 'FAILED_PERMANENT', 'SUPERSEDED'));
