-- One mailbox, one email (issue 15): addresses that differ only in letter case are one recipient, so an outbox row
-- is keyed by lower(recipient) (the addresses are ASCII: EmailAddresses refuses any other, and PostgreSQL's lower()
-- folds ASCII the same way in every locale).
--
-- Before this, each spelling of a mailbox got its own email in a run. Those rows stay as they happened; a second
-- spelling of a mailbox in the same run and kind is marked, and only unmarked rows must be unique per mailbox, so
-- that a database holding both spellings migrates without failing. New rows are never marked.
ALTER TABLE mail_outbox ADD COLUMN second_spelling boolean NOT NULL DEFAULT false;

UPDATE mail_outbox o SET second_spelling = true
WHERE EXISTS (SELECT 1 FROM mail_outbox first
              WHERE first.run_id = o.run_id AND first.kind = o.kind
                AND lower(first.recipient) = lower(o.recipient) AND first.id < o.id);

ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_run_id_kind_recipient_key;
CREATE UNIQUE INDEX mail_outbox_one_per_mailbox ON mail_outbox (run_id, kind, lower(recipient))
    WHERE NOT second_spelling;

-- The cadence's "last reminder" and the superseding of undelivered ones look recipients up by mailbox.
DROP INDEX mail_outbox_recipient_idx;
CREATE INDEX mail_outbox_mailbox_idx ON mail_outbox (kind, lower(recipient));
