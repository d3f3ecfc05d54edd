/**
 * The rules and their numbers: {@code RuleEvaluator} (ROTATION, CERTIFICATE_EXPIRY, UNUSED, METADATA as a pure
 * function of metadata, policy and as-of; docs/policy.md#rules-default-policy), the policy and its overrides
 * (docs/policy.md#tuning-the-policy), waivers (docs/policy.md#waivers), the policy version, the statuses and
 * severities, and the one definition of a usable owner address (docs/email.md#owner-addresses). The REQUIRED
 * rule's decision (which required names are missing) belongs here too; {@code finding} keeps only its SQL.
 *
 * <p>It imports nothing of ours but {@code source}'s types ({@code SecretMetadata}, {@code SecretTypes}) and the
 * root's shared types ({@code Sha256}, {@code InvalidConfigurationException}): no persistence, no mail, no
 * report, and the evaluator no Spring.
 */
package ai.kubiya.secretaudit.policy;
