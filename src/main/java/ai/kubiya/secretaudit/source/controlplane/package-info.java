/**
 * The Kubiya Control Plane client (docs/operations.md#pointing-it-at-a-control-plane): HTTP with retries and
 * {@code Retry-After}, idle timeouts, the source that lists secrets, and the optional reading of certificate values
 * for their expiry. {@code ControlPlaneConnection} is its one entry point: one client per application.
 *
 * <p>It imports {@code source} and {@code source.json} (the listing is JSON); it must never import
 * {@code source.synthetic} or any package above {@code source}.
 */
package ai.kubiya.secretaudit.source.controlplane;
