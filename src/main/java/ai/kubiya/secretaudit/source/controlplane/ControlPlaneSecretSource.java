package ai.kubiya.secretaudit.source.controlplane;

import ai.kubiya.secretaudit.source.ReadProgress;
import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretSource;
import ai.kubiya.secretaudit.source.SourceException;
import ai.kubiya.secretaudit.source.json.JsonInventoryReader;
import java.io.InputStream;
import java.time.Instant;

/**
 * {@code control-plane}: {@code GET {base}/api/v1/secrets}, streamed record by record, so a response of a
 * million secrets is evaluated in bounded memory. The request is retried until its response starts; a
 * response that then breaks off cannot be resumed and fails the run (the reader says where).
 */
public final class ControlPlaneSecretSource implements SecretSource {

    static final String SECRETS_PATH = "/api/v1/secrets";

    private final ControlPlaneClient client;
    private final CertificateExpiries certificates;

    /** @param certificates reads certificate values for their expiry; {@code null} never reads a value */
    ControlPlaneSecretSource(ControlPlaneClient client, CertificateExpiries certificates) {
        this.client = client;
        this.certificates = certificates;
    }

    /** @throws SourceException when the list cannot be fetched (after retries) or does not start as an array */
    @Override
    public SecretCursor open(Instant asOf) {
        InputStream body = client.get(SECRETS_PATH);
        // the list is streamed (chunked): its size is not known before its end, so progress says "of ?"
        SecretCursor records = JsonInventoryReader.readMeasured(body, describe(), ReadProgress.UNKNOWN_TOTAL);
        return certificates == null ? records : new CertificateInspectingCursor(records, certificates);
    }

    @Override
    public String describe() {
        return "control-plane " + client.baseUrl();
    }
}
