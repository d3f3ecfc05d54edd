package ai.kubiya.secretaudit.source.controlplane;

import ai.kubiya.secretaudit.source.ReadProgress;
import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretMetadata;
import ai.kubiya.secretaudit.source.SecretTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills in the expiry of certificate secrets that have no {@code expires_at}, one record at a time, so
 * the inventory stays a stream. A value that cannot be fetched or read becomes a problem on that record
 * (a METADATA finding), not a failed run. Once the value endpoint has failed through all its retries,
 * the remaining certificates are not tried: a run should not spend the night waiting on it.
 */
final class CertificateInspectingCursor implements SecretCursor {

    static final String SKIPPED = "expires_at: the certificate value was not read: the Control Plane's value"
            + " endpoint failed earlier in this pass";

    private final SecretCursor records;
    private final CertificateExpiries expiries;
    private boolean endpointFailing;

    CertificateInspectingCursor(SecretCursor records, CertificateExpiries expiries) {
        this.records = records;
        this.expiries = expiries;
    }

    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    @Override
    public SecretMetadata next() {
        SecretMetadata secret = records.next();
        if (!needsInspection(secret)) {
            return secret;
        }
        if (endpointFailing) {
            return withProblem(secret, SKIPPED);
        }
        CertificateExpiries.Expiry expiry = expiries.of(secret.name());
        endpointFailing = expiry.endpointFailing();
        return expiry.expiresAt() != null ? withExpiry(secret, expiry) : withProblem(secret, expiry.problem());
    }

    @Override
    public void close() {
        records.close();
    }

    @Override
    public ReadProgress progress() {
        return records.progress();
    }

    static boolean needsInspection(SecretMetadata secret) {
        return !secret.isMalformed() && secret.expiresAt() == null
                && SecretTypes.CERTIFICATE.equals(SecretTypes.normalize(secret.type()));
    }

    private static SecretMetadata withExpiry(SecretMetadata s, CertificateExpiries.Expiry expiry) {
        return new SecretMetadata(s.position(), s.name(), s.type(), s.scope(), s.description(), s.integration(),
                s.createdBy(), s.createdAt(), s.lastUsed(), s.rotatedAt(), s.updatedAt(), expiry.expiresAt(),
                s.problems());
    }

    private static SecretMetadata withProblem(SecretMetadata s, String problem) {
        List<String> problems = new ArrayList<>(s.problems());
        problems.add(problem);
        return new SecretMetadata(s.position(), s.name(), s.type(), s.scope(), s.description(), s.integration(),
                s.createdBy(), s.createdAt(), s.lastUsed(), s.rotatedAt(), s.updatedAt(), s.expiresAt(), problems);
    }
}
