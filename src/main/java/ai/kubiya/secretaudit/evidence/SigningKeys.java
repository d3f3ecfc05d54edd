package ai.kubiya.secretaudit.evidence;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys and detached signatures of manifests. A key is read as PEM ({@code -----BEGIN PRIVATE KEY-----},
 * {@code -----BEGIN PUBLIC KEY-----}, what {@code openssl genpkey -algorithm ed25519} and {@code openssl pkey -pubout}
 * write) or as the base64 of the same DER bytes, which fits one environment variable line. A signature is the base64
 * of the 64 bytes Ed25519 gives for the manifest file's exact bytes, so {@code openssl pkeyutl -verify -rawin}
 * checks it. No message here ever quotes a key.
 */
public final class SigningKeys {

    private static final String ALGORITHM = "Ed25519";

    private SigningKeys() {
    }

    /** @throws IllegalArgumentException when {@code text} is not an Ed25519 private key (PKCS#8, PEM or base64) */
    static PrivateKey privateKey(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(text, "PRIVATE KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("is not an Ed25519 private key (PKCS#8, as PEM or base64)");
        }
    }

    /** @throws IllegalArgumentException when {@code text} is not an Ed25519 public key (X.509, PEM or base64) */
    public static PublicKey publicKey(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(text, "PUBLIC KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("is not an Ed25519 public key (as PEM or base64)");
        }
    }

    static String sign(PrivateKey key, byte[] content) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(content);
            return Base64.getEncoder().encodeToString(signature.sign()) + "\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** Whether {@code base64} (surrounding white space ignored) is {@code key}'s signature of {@code content}. */
    static boolean verifies(PublicKey key, byte[] content, String base64) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(content);
            return signature.verify(Base64.getDecoder().decode(base64.strip()));
        } catch (InvalidKeyException | SignatureException | IllegalArgumentException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** The DER bytes of a PEM block of {@code type}, or of base64 without the PEM lines. */
    private static byte[] der(String text, String type) {
        String body = text.strip();
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        if (body.startsWith(begin) && body.endsWith(end)) {
            body = body.substring(begin.length(), body.length() - end.length());
        }
        return Base64.getDecoder().decode(body.replaceAll("\\s", ""));
    }
}
