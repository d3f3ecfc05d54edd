/**
 * The {@code synthetic[:N]} source (docs/input.md#sources): a deterministic generated inventory for a first run,
 * demonstrations and benchmarks, with every status and a few malformed records, built through the same
 * {@code RecordDraft} as the JSON reader.
 *
 * <p>It imports only {@code source}; it must never import {@code source.json} or {@code source.controlplane}.
 */
package ai.kubiya.secretaudit.source.synthetic;
