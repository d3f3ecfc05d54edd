/**
 * Where secret metadata comes from (docs/input.md#sources): the {@code SecretSource} contract and
 * {@code SecretMetadata}, read record by record through a {@code SecretCursor}, which says how far it has got
 * ({@code ReadProgress}: records of a count, bytes of a size, for the progress lines); {@code RecordDraft} and
 * {@code RecordProblems}, which the JSON reader and the synthetic generator share, so that a record's bounds and
 * the wording of its problems are the same whichever source produced it (docs/input.md#bad-input); and
 * {@code SourceReads}, the streams and waits a stop request or the run's deadline aborts.
 *
 * <p>The three kinds of source live below it: {@code source.json} (the streaming JSON reader and the
 * {@code file:} source), {@code source.controlplane} (the Control Plane client) and {@code source.synthetic} (the
 * generator). This package imports none of them and nothing else of ours: every other package may read its types,
 * and it must never import {@code policy}, {@code finding}, {@code report}, {@code notify} or {@code job}.
 */
package ai.kubiya.secretaudit.source;
