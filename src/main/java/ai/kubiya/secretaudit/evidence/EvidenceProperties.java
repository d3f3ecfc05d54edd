package ai.kubiya.secretaudit.evidence;

import java.security.PrivateKey;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.evidence.*}. Checked while binding: a key that is not an Ed25519 private key stops start-up, exit 2,
 * with a message naming the key and never quoting its value.
 *
 * @param signingKey the Ed25519 private key that signs each manifest (PKCS#8, PEM or base64), from the environment
 *                   only ({@code AUDIT_EVIDENCE_SIGNINGKEY}, {@code EnvironmentOnlyKeys}); unset: manifests are not signed
 */
@ConfigurationProperties(prefix = "audit.evidence")
record EvidenceProperties(String signingKey) {

    static final String SIGNING_KEY = "audit.evidence.signing-key";

    EvidenceProperties {
        if (signingKey != null && !signingKey.isBlank()) {
            try {
                SigningKeys.privateKey(signingKey);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(SIGNING_KEY + " " + e.getMessage() + " (its value is not shown)");
            }
        }
    }

    Optional<PrivateKey> key() {
        return signingKey == null || signingKey.isBlank() ? Optional.empty()
                : Optional.of(SigningKeys.privateKey(signingKey));
    }

    /** Never the key: a record's own toString would print it into any log line or failure that shows the record. */
    @Override
    public String toString() {
        return "EvidenceProperties[signingKey=" + (key().isPresent() ? "(set)" : "(unset)") + "]";
    }
}
