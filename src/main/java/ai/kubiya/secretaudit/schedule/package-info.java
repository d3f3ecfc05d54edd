/**
 * The {@code daemon}: Quartz, clustered in PostgreSQL, fires a run on {@code audit.schedule.cron} and stops it on
 * SIGTERM (docs/operations.md#scheduling-the-daemon).
 *
 * <p>It imports only {@code run} (to launch and stop a run like {@code run} does); only {@code cli} imports it.
 */
package ai.kubiya.secretaudit.schedule;
