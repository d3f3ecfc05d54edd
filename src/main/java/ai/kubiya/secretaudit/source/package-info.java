/**
 * Where secret metadata comes from (docs/input.md#sources): the {@code SecretSource} contract and
 * {@code SecretMetadata}, read record by record through a cursor; the Control Plane client
 * (docs/operations.md#pointing-it-at-a-control-plane), the streaming JSON reader with its per-record problems and
 * parser limits (docs/input.md#bad-input), and the synthetic generator. Those three are moving into packages of
 * their own; the contract and the metadata types stay here.
 *
 * <p>It imports nothing of ours: every other package may read its types, and it must never import
 * {@code policy}, {@code finding}, {@code report}, {@code notify} or {@code job}.
 */
package ai.kubiya.secretaudit.source;
