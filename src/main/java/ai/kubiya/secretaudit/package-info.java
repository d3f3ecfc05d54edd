/**
 * The entry point ({@code SecretRotationAuditApplication}: {@code main} hands the arguments to {@code cli}), the
 * Spring configuration {@code cli} starts ({@code SecretRotationAuditConfiguration}), and the few types every
 * package shares: {@code Sha256} (the evidence checksum), {@code InvalidConfigurationException}
 * (start-up stops with exit code 2), {@code DatabaseBusyException} (another run holds the database: exit code 3),
 * {@code PreflightBean} (created before the database starts, to check the configuration early) and
 * {@code ProviderLookups} (JAXP and Jakarta Mail providers named at start-up).
 *
 * <p>The shared types import nothing of ours, so any package may use them. Only the application class reaches
 * into {@code cli}, and nothing depends on the application class: {@code cli} starts the context from
 * {@code SecretRotationAuditConfiguration}, so there is no loop through the root ({@code ArchitectureTests}). See docs/README.md for what the application does.
 */
package ai.kubiya.secretaudit;
