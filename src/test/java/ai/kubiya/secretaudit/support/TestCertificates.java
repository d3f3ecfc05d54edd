package ai.kubiya.secretaudit.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real self-signed certificates, made by the JDK's {@code keytool} (the JDK has no public API to make
 * one), with a known validity: notAfter = {@code notBefore + days}.
 */
public final class TestCertificates {

    private static final DateTimeFormatter KEYTOOL_DATE =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private TestCertificates() {
    }

    /** A PEM ({@code -----BEGIN CERTIFICATE-----…}) valid from {@code notBefore} for {@code days} days. */
    public static String selfSignedPem(Path directory, String commonName, Instant notBefore, int days) {
        Path keystore = directory.resolve(commonName + "-" + System.nanoTime() + ".p12");
        keytool("-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-alias", "cert",
                "-dname", "CN=" + commonName, "-startdate", KEYTOOL_DATE.format(notBefore),
                "-validity", Integer.toString(days), "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit");
        return keytool("-exportcert", "-rfc", "-alias", "cert", "-keystore", keystore.toString(),
                "-storepass", "changeit");
    }

    private static String keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.add("-J-Duser.timezone=UTC");
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running keytool", e);
        }
    }
}
