/**
 * The evidence chain (docs/evidence.md#manifest-and-checksums, docs/evidence.md#verify): each completed run's
 * manifest (its workbook's SHA-256 and the SHA-256 of the manifest sealed before it) in canonical JSON, its optional
 * Ed25519 signature, the chain's links in {@code run_manifest}, and {@code verify}'s checks of all of it.
 *
 * <p>It imports {@code report} (where workbooks and manifests are, by name) and the root's {@code Sha256}; it must
 * not import {@code job}, {@code run}, {@code notify}, {@code chat}, {@code schedule} or {@code cli}, which build on
 * it ({@code job} seals, {@code cli} verifies).
 */
package ai.kubiya.secretaudit.evidence;
