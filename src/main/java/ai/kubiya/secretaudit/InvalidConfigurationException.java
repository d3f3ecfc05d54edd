package ai.kubiya.secretaudit;

/** Configuration that cannot work (a malformed waiver file, say): start-up stops with exit code 2. */
public class InvalidConfigurationException extends RuntimeException {

    public InvalidConfigurationException(String message) {
        super(message);
    }
}
