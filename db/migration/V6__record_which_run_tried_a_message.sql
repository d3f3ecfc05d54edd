-- The run that last tried to deliver a message. A run tries each message at most once (the attempt limit
-- counts runs), now that an owner reminder is delivered by the step that queues it and the send step after it
-- delivers only what is left.
ALTER TABLE mail_outbox ADD COLUMN last_attempt_run_id bigint;
