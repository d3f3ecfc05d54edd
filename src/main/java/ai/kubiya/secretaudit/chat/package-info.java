/**
 * Chat: an owner reminder as a Slack message (Web API, {@code chat.postMessage}) or a Microsoft Teams card (incoming
 * webhook or Workflows URL), and the HTTP clients that post them. It renders a {@link ChatReminder} and posts the
 * result; which reminders go where, and the outbox that makes each message go out at most once per recipient and
 * run, are {@code notify}'s. Text that comes from the audited data (a secret's name, scope, integration) is always
 * rendered inert: it never formats, links or mentions anyone (docs/owners.md#slack-and-microsoft-teams).
 *
 * <p>It knows nothing of the database, the findings or the email: nothing here imports {@code notify}, {@code job}
 * or {@code finding}.
 */
package ai.kubiya.secretaudit.chat;
