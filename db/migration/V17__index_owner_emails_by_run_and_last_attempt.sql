-- An auditor's run page reads, on every visit, the run's owner emails not delivered yet (run_id, kind) and the
-- earlier ones it tried again (last_attempt_run_id): no index served either since V9 made the (run_id, kind, ...)
-- index partial, so each was a parallel scan of the whole outbox. With 400 nights of 5,000 owner emails (2,000,000
-- rows, audit.retention.days): 137 ms and 161 ms on three processes each, per visit; with these, 32 ms and 21 ms.
CREATE INDEX mail_outbox_run_kind_idx ON mail_outbox (run_id, kind);
CREATE INDEX mail_outbox_last_attempt_run_idx ON mail_outbox (last_attempt_run_id);
