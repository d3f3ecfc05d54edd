package ai.kubiya.secretaudit.source;

import java.nio.file.Path;
import org.springframework.stereotype.Component;

/** Turns an {@code audit.source} / {@code --source} value into a source. */
@Component
public class SecretSources {

    /**
     * @throws IllegalArgumentException with a message naming the accepted forms when the value is not one
     */
    public SecretSource resolve(String spec) {
        String value = spec == null ? "" : spec.strip();
        if (value.startsWith("file:") && value.length() > "file:".length()) {
            return new FileSecretSource(Path.of(value.substring("file:".length())));
        }
        if (value.equals("synthetic") || value.startsWith("synthetic:")) {
            return SyntheticSecretSource.parse(value);
        }
        if (value.equals("control-plane")) {
            throw new IllegalArgumentException("source 'control-plane' is not available in this version yet;"
                    + " use --source=file:PATH or --source=synthetic[:N]");
        }
        throw new IllegalArgumentException("audit.source '" + value
                + "' is not one of control-plane, file:PATH, synthetic[:N]");
    }
}
