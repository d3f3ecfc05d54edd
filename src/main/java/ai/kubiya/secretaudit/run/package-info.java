/**
 * One audit run from the outside: launching or restarting the job (docs/operations.md#restart-and-failure), the
 * run lock (one run per database), the {@code audit_run} row, the guards (docs/operations.md#guards), the
 * supervision that stops a run on SIGTERM or at its deadline, retention (docs/policy.md#retention), and
 * {@code SecretSources}, which turns {@code --source} into one of the three kinds of source.
 *
 * <p>It imports {@code source} and its three kinds, {@code policy} (the policy version) and {@code report}
 * (workbook files and folders); it must not import {@code job}, {@code notify}, {@code schedule} or {@code cli}, which build on it.
 */
package ai.kubiya.secretaudit.run;
