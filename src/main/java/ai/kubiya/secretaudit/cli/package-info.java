/**
 * The top of the application: the commands ({@code run}, {@code runs}, {@code export}, {@code validate},
 * {@code daemon}, {@code serve}), their options, and the one place where every failure becomes a line and an exit code
 * ({@code Failures}, docs/commands.md#when-a-command-fails). Also the start-up checks that belong to no feature,
 * made before the database starts ({@code Preflight}): unknown {@code audit.*} keys
 * (docs/configuration.md#unknown-keys), YAML syntax errors reported without the content of the line, and the
 * configuration records and {@code PreflightBean}s bound and created in a context of their own.
 *
 * <p>It may import any package of ours (today {@code run}, {@code schedule}, {@code report}, {@code source},
 * {@code finding}, {@code notify}, {@code export} (the formats of {@code export --format}) and {@code policy} for
 * the run's summary and its {@code --fail-on} gate, {@code portal} for {@code serve}, and the root's
 * {@code SecretRotationAuditConfiguration}); no package imports {@code cli} but the entry point.
 */
package ai.kubiya.secretaudit.cli;
