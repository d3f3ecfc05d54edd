/**
 * Email: who gets which reminder and when (routing to owners, the routing file's teams and escalation contacts
 * (docs/email.md#routing-file), the fallback recipient and escalation Cc; the reminder cadence; owners are keyed
 * by mailbox, letter case ignored), composing the messages, the PostgreSQL outbox and its delivery over SMTP or to {@code .eml}
 * files, and the auditors' email. The owner reminder's subject, HTML and text come from Thymeleaf templates
 * ({@code mail/owner-reminder.*}, replaceable from {@code audit.mail.templates-dir}, docs/owners.md#your-own-templates). What it promises is in docs/email.md, including why a crash never loses an
 * email (docs/email.md#why-a-crash-never-loses-an-email-and-duplicates-at-most-one). Which owner reminders are also
 * chat messages, where they go, and their queuing and delivery through the same outbox are here too
 * ({@code ChatChannels}, {@code ChatSender}; docs/owners.md#slack-and-microsoft-teams); rendering and posting them
 * are {@code chat}'s, which it imports.
 *
 * <p>It reads findings ({@code finding}), builds owner workbooks ({@code report}) and uses {@code policy}'s
 * address rule and statuses. Nothing but {@code job} and {@code cli} (the run summary's email counts and where they
 * went) imports it: {@code finding}, {@code report}, {@code policy}
 * and {@code source} must never import {@code notify}.
 */
package ai.kubiya.secretaudit.notify;
