package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.evidence.EvidenceVerifier;
import ai.kubiya.secretaudit.evidence.SigningKeys;
import ai.kubiya.secretaudit.run.RunLock;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Checks the evidence: every stored workbook against its run's SHA-256, every manifest and"
                + " workbook file in the reports dir, the chain of manifests and, with --public-key, their signatures."
                + " Exit 0 all holds, 6 a broken link (one line names it), 1 cannot read, 2 usage, 3 a run is in progress.")
class VerifyCommand implements Callable<Integer> {

    private static final int MAX_KEY_FILE = 16 * 1024;

    @Spec
    CommandSpec spec;

    @Option(names = "--public-key", paramLabel = "FILE",
            description = "The Ed25519 public key (PEM, as 'openssl pkey -pubout' writes it) that checks the signatures.")
    Path publicKey;

    @Override
    public Integer call() throws IOException {
        PublicKey key = publicKey == null ? null : publicKey(publicKey);
        // stdout is the verdict: the console log (the embedded database's start line, say) keeps to warnings
        try (ConfigurableApplicationContext context = ApplicationContexts.start(
                Map.of("logging.threshold.console", "WARN"));
             RunLock.Held lock = context.getBean(RunLock.class).acquire()) {
            // under the run lock: a run sealing its manifest, or retention deleting files, mid-check would read as
            // a stray workbook or a missing manifest
            EvidenceVerifier.Verification verification = context.getBean(EvidenceVerifier.class).verify(key);
            PrintWriter out = spec.commandLine().getOut();
            out.println(verification.holds() ? verification.summary() : "broken: " + verification.broken());
            out.flush();
            return verification.holds() ? ExitCodes.COMPLETED : ExitCodes.EVIDENCE_BROKEN;
        }
    }

    /**
     * Read before the database starts; the message names the option and the file, never the file's content. Only a
     * regular file (a Kubernetes Secret's link to one included) of at most 16 KB: {@code --public-key=/dev/zero} read
     * whole ran the JVM out of memory, and a FIFO would block for good.
     */
    static PublicKey publicKey(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--public-key " + file + " is not a regular file");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_KEY_FILE + 1);
        } catch (IOException e) {
            throw new IllegalArgumentException("--public-key " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + ")");
        }
        try {
            if (bytes.length > MAX_KEY_FILE) {
                throw new IllegalArgumentException("is larger than a key file (16 KB)");
            }
            return SigningKeys.publicKey(new String(bytes, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--public-key " + file + " " + e.getMessage());
        }
    }
}
