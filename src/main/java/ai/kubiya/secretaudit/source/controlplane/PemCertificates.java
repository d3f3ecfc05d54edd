package ai.kubiya.secretaudit.source.controlplane;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;

/** The expiry of the first certificate of a PEM (a chain starts with the leaf, the one that matters). */
final class PemCertificates {

    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";

    private PemCertificates() {
    }

    /**
     * @return notAfter, or empty when the text holds no readable PEM certificate. Parser exceptions are
     * swallowed on purpose: their messages may quote the text, which is a secret value.
     */
    static Optional<Instant> notAfter(String pem) {
        int begin = pem.indexOf(BEGIN);
        if (begin < 0) {
            return Optional.empty();
        }
        byte[] bytes = pem.substring(begin).getBytes(StandardCharsets.US_ASCII);
        try {
            Certificate certificate = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(bytes));
            return certificate instanceof X509Certificate x509
                    ? Optional.of(x509.getNotAfter().toInstant()) : Optional.empty();
        } catch (CertificateException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
