/**
 * The Spring Batch job {@code secretRotationAuditJob}: its steps in order (evaluate, check the inventory, then at
 * once track lifecycle | queue and send owner reminders, post their Slack and Teams messages, then write and send
 * the auditor workbook, finish; docs/operations.md#what-a-run-does), the
 * processor of the evaluate step, and the listeners that log each step's start, progress (every
 * {@code audit.progress.interval}; docs/operations.md#a-run-in-the-terminal) and time, and record the run's outcome.
 *
 * <p>It wires the features together, so it imports {@code source}, {@code policy}, {@code finding},
 * {@code report}, {@code notify}, {@code run} and {@code metrics} (the run's metrics are published when the job
 * ends); none of them imports {@code job} (Spring finds it), and
 * {@code source} and {@code policy} must never.
 */
package ai.kubiya.secretaudit.job;
