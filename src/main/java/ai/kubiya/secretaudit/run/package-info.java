/**
 * One audit run from the outside: launching or restarting the job (docs/operations.md#restart-and-failure), the
 * run lock (one run per database), the {@code audit_run} row, the guards (docs/operations.md#guards), the
 * supervision that stops a run on SIGTERM or at its deadline, and retention (docs/policy.md#retention).
 *
 * <p>It imports {@code source}, {@code policy} (the policy version) and {@code report} (workbook files and
 * folders); it must not import {@code job}, {@code notify}, {@code schedule} or {@code cli}, which build on it.
 */
package ai.kubiya.secretaudit.run;
