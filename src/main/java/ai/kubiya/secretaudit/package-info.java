/**
 * The entry point ({@code SecretRotationAuditApplication}: {@code main} hands the arguments to {@code cli}) and the
 * few types every package shares: {@code Sha256} (the evidence checksum), {@code InvalidConfigurationException}
 * (start-up stops with exit code 2) and {@code ProviderLookups} (JAXP and Jakarta Mail providers named at start-up).
 *
 * <p>The shared types import nothing of ours, so any package may use them. Only the application class reaches
 * into {@code cli}; today {@code cli} refers back to the application class (to start its Spring context), a loop
 * the package arrows must come to cover. See docs/README.md for what the application does.
 */
package ai.kubiya.secretaudit;
