package ai.kubiya.secretaudit.source;

import java.util.Locale;

/**
 * Type names compare case-insensitively with {@code -} and space read as {@code _}
 * ({@code "API Key"} is {@code api_key}).
 */
public final class SecretTypes {

    public static final String CERTIFICATE = "certificate";

    private SecretTypes() {
    }

    /** @return the normalised type, or {@code null} when the type is missing or blank */
    public static String normalize(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        return type.strip().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }
}
