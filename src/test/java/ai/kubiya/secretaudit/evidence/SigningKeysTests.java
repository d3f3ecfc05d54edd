package ai.kubiya.secretaudit.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ed25519 keys as openssl writes them, and signatures that openssl verifies with the commands of docs/evidence.md. */
class SigningKeysTests {

    static final String NOT_A_KEY = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LXZhbHVlLTQy\n-----END PRIVATE KEY-----";

    @TempDir
    Path dir;

    @Test
    void aKeyIsReadAsPemOrAsTheBase64OfItsDer() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String base64 = Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n";
        byte[] manifest = "{\"run\":1}\n".getBytes(StandardCharsets.UTF_8);

        for (String text : new String[] {pem, base64}) {
            String signature = SigningKeys.sign(SigningKeys.privateKey(text), manifest);
            assertThat(SigningKeys.verifies(keys.getPublic(), manifest, signature)).isTrue();
            manifest[2] ^= 1;
            assertThat(SigningKeys.verifies(keys.getPublic(), manifest, signature)).as("one byte changed").isFalse();
            manifest[2] ^= 1;
        }
    }

    @Test
    void whatIsNoEd25519KeyIsRefusedWithoutQuotingIt() throws Exception {
        String rsa = Base64.getEncoder().encodeToString(KeyPairGenerator.getInstance("RSA").generateKeyPair()
                .getPrivate().getEncoded());

        for (String text : new String[] {NOT_A_KEY, "secret-value-42", rsa, ""}) {
            assertThatIllegalArgumentException().isThrownBy(() -> SigningKeys.privateKey(text))
                    .withMessage("is not an Ed25519 private key (PKCS#8, as PEM or base64)");
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new EvidenceProperties(NOT_A_KEY))
                .withMessage("audit.evidence.signing-key is not an Ed25519 private key (PKCS#8, as PEM or base64)"
                        + " (its value is not shown)");
    }

    @Test
    void theRecordNeverPrintsItsKey() throws Exception {
        String base64 = Base64.getEncoder().encodeToString(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
                .getPrivate().getEncoded());

        assertThat(new EvidenceProperties(base64).toString()).isEqualTo("EvidenceProperties[signingKey=(set)]");
    }

    /** The documented by-hand check: a key from openssl signs here, openssl verifies the detached signature. */
    @Test
    void opensslVerifiesASignatureMadeWithAKeyItGenerated() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        Path key = dir.resolve("signing-key.pem");
        Path publicKey = dir.resolve("public.pem");
        openssl("genpkey", "-algorithm", "ed25519", "-out", key.toString());
        openssl("pkey", "-in", key.toString(), "-pubout", "-out", publicKey.toString());
        Manifest manifest = new Manifest(3, Instant.parse("2026-11-30T02:00:00Z"), false,
                new Manifest.Workbook("audit-2026-11-30-run3.xlsx", 10, "c".repeat(64)), null);
        Path file = Files.write(dir.resolve("audit-2026-11-30-run3.manifest.json"), manifest.bytes());
        PrivateKey privateKey = SigningKeys.privateKey(Files.readString(key));
        Files.writeString(dir.resolve("manifest.json.sig"), SigningKeys.sign(privateKey, manifest.bytes()));
        Files.write(dir.resolve("sig.bin"), Base64.getDecoder().decode(
                Files.readString(dir.resolve("manifest.json.sig")).strip()));

        assertThat(openssl("pkeyutl", "-verify", "-pubin", "-inkey", publicKey.toString(), "-rawin", "-in",
                file.toString(), "-sigfile", dir.resolve("sig.bin").toString())).contains("Signature Verified Successfully");
        assertThat(SigningKeys.verifies(SigningKeys.publicKey(Files.readString(publicKey)), manifest.bytes(),
                Files.readString(dir.resolve("manifest.json.sig")))).isTrue();
    }

    private static String openssl(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
