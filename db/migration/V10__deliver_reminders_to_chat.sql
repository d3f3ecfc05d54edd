-- Chat delivery (issue 15): a Slack message or a Microsoft Teams card mirroring an owner reminder is an outbox row of
-- its own kind, so it keeps the email's promises: at most one per recipient, kind and run (the unique index of V9),
-- SENT committed right after the service accepts it, retried by later runs, shown on the Run sheet when it is not.
-- recipient is the email recipient the message mirrors; mime holds the rendered payload (JSON).
ALTER TABLE mail_outbox DROP CONSTRAINT mail_outbox_kind_check;
ALTER TABLE mail_outbox ADD CONSTRAINT mail_outbox_kind_check
    CHECK (kind IN ('OWNER_REMINDER', 'AUDITOR_REPORT', 'SLACK_REMINDER', 'TEAMS_REMINDER'));

-- Where a chat message goes: a Slack channel ('#name' or an ID), 'user:<email>' for a Slack DM, or a reference to a
-- Teams webhook ('teams-webhook-<hash>'; never the URL itself, which is a credential). NULL for emails.
ALTER TABLE mail_outbox ADD COLUMN chat_target text;
