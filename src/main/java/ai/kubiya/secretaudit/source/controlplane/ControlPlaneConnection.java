package ai.kubiya.secretaudit.source.controlplane;

import ai.kubiya.secretaudit.source.SecretSource;
import ai.kubiya.secretaudit.source.SourceReads;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The application's one connection to the Control Plane: one HTTP client, which pools connections and owns a
 * selector thread, with its retry delays; each run asks it for a source.
 */
public final class ControlPlaneConnection {

    private final ControlPlaneClient client;

    /**
     * @param version the application version the client sends in its {@code User-Agent}
     * @param reads   the streams and waits a stop request or the run's deadline aborts
     */
    public ControlPlaneConnection(ControlPlaneProperties properties, String version, Clock clock, SourceReads reads) {
        RetryDelays delays = new RetryDelays(properties.initialBackoff(), properties.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble(), clock);
        this.client = new ControlPlaneClient(properties, version, delays, reads::pause, reads);
    }

    /**
     * A source over this connection; with {@code inspectCertificates}, the value of a certificate that has no
     * {@code expires_at} is read for the expiry in its PEM.
     */
    public SecretSource source(boolean inspectCertificates) {
        return new ControlPlaneSecretSource(client, inspectCertificates ? new CertificateExpiries(client) : null);
    }
}
