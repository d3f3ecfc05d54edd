package ai.kubiya.secretaudit.run;

import ai.kubiya.secretaudit.PreflightBean;
import ai.kubiya.secretaudit.source.SecretSource;
import ai.kubiya.secretaudit.source.SourceReads;
import ai.kubiya.secretaudit.source.controlplane.ControlPlaneConnection;
import ai.kubiya.secretaudit.source.controlplane.ControlPlaneProperties;
import ai.kubiya.secretaudit.source.json.FileSecretSource;
import ai.kubiya.secretaudit.source.synthetic.SyntheticSecretSource;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/** Turns an {@code audit.source} / {@code --source} value into a source. */
@PreflightBean
@Component
public class SecretSources {

    private static final Logger log = LoggerFactory.getLogger(SecretSources.class);

    private final ControlPlaneProperties controlPlane;
    private final CertificateInspectionProperties certificates;
    private final Clock clock;
    private final String version;
    private final SourceReads reads = new SourceReads();
    private ControlPlaneConnection connection;

    SecretSources(ControlPlaneProperties controlPlane, CertificateInspectionProperties certificates, Clock clock,
                  ObjectProvider<BuildProperties> build) {
        this.controlPlane = controlPlane;
        this.certificates = certificates;
        this.clock = clock;
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "dev" : properties.getVersion();
    }

    /**
     * The source a run reads: with {@code audit.certificates.inspect-values}, certificate values are read
     * for their expiry.
     *
     * @throws IllegalArgumentException with a message naming the accepted forms when the value is not one,
     *                                  or naming KUBIYA_API_KEY when the control-plane source has no key
     */
    public SecretSource resolve(String spec) {
        return resolve(spec, certificates.inspectValues());
    }

    /** The same source for a pass that needs names only ({@code validate}): it never reads a secret value. */
    public SecretSource resolveMetadataOnly(String spec) {
        return resolve(spec, false);
    }

    /**
     * What {@link #resolve} would refuse, found without opening anything (no HTTP client, no file): the pre-flight
     * calls it before the database starts.
     *
     * @throws IllegalArgumentException as {@link #resolve} does
     */
    public void check(String spec) {
        String value = spec == null ? "" : spec.strip();
        if (value.equals("control-plane")) {
            controlPlane.requireApiKey();
        } else if (value.equals("synthetic") || value.startsWith("synthetic:")) {
            SyntheticSecretSource.parse(value);
        } else if (!value.startsWith("file:") || value.length() == "file:".length()) {
            resolve(value, false);
        }
    }

    private SecretSource resolve(String spec, boolean inspectCertificates) {
        String value = spec == null ? "" : spec.strip();
        if (value.startsWith("file:") && value.length() > "file:".length()) {
            return new FileSecretSource(Path.of(value.substring("file:".length())), reads);
        }
        if (value.equals("synthetic") || value.startsWith("synthetic:")) {
            return SyntheticSecretSource.parse(value);
        }
        if (value.equals("control-plane")) {
            return connection().source(inspectCertificates);
        }
        throw new IllegalArgumentException("audit.source '" + value
                + "' is not one of control-plane, file:PATH, synthetic[:N]");
    }

    /**
     * The streams of every source this application opened: a stop request or the run's deadline aborts them
     * ({@link SourceReads#abort}), and the next run allows reads again.
     */
    public SourceReads reads() {
        return reads;
    }

    /** One connection per application, opened when a run first reads the Control Plane. */
    private synchronized ControlPlaneConnection connection() {
        if (connection == null) {
            connection = new ControlPlaneConnection(controlPlane, version, clock, reads);
            log.info("Control Plane client: {}", controlPlane);
        }
        return connection;
    }
}
