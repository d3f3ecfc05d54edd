/**
 * The top of the application: the commands ({@code run}, {@code runs}, {@code export}, {@code validate},
 * {@code daemon}), their options, and the one place where every failure becomes an exit code
 * (docs/commands.md#exit-codes). Also the start-up checks that belong to no feature: unknown {@code audit.*} keys
 * (docs/configuration.md#unknown-keys) and YAML syntax errors reported without the content of the line.
 *
 * <p>It may import any package of ours (today {@code run}, {@code schedule}, {@code report}, {@code source},
 * {@code finding}, {@code notify} and {@code policy} for the run's summary and its {@code --fail-on} gate, and the
 * root's {@code SecretRotationAuditConfiguration}); no package imports {@code cli} but the entry point.
 */
package ai.kubiya.secretaudit.cli;
