/**
 * Reading an inventory as JSON (docs/input.md): the streaming reader that turns an array of secrets (or the
 * Control Plane's {@code {"secrets": [...]}}) into records one at a time, the per-record problems and parser limits
 * that make one bad record malformed without costing the rest (docs/input.md#bad-input), and the {@code file:}
 * source built on it.
 *
 * <p>It imports only {@code source}; {@code source.controlplane} reads its responses with it, and it must never
 * import {@code source.controlplane} or {@code source.synthetic}.
 */
package ai.kubiya.secretaudit.source.json;
