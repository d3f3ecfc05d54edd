package ai.kubiya.secretaudit.source.controlplane;

import ai.kubiya.secretaudit.source.ReadAbortedException;
import ai.kubiya.secretaudit.source.SourceException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a certificate secret's expiry from its value ({@code GET /api/v1/secrets/value/{name}} →
 * {@code {"value": "-----BEGIN CERTIFICATE-----…"}}). The value lives in one local variable for the
 * time of the parse: it is never kept, logged, or put in a message.
 */
final class CertificateExpiries {

    static final String VALUE_PATH = "/api/v1/secrets/value/";
    static final String NOT_A_CERTIFICATE = "expires_at: the certificate value could not be read as a PEM certificate";
    static final String NO_VALUE = "expires_at: the Control Plane returned no certificate value";
    static final String UNREADABLE = "expires_at: the certificate value response is not valid JSON";

    private static final JsonFactory JSON = new JsonFactory();

    private final ControlPlaneClient client;

    CertificateExpiries(ControlPlaneClient client) {
        this.client = client;
    }

    /** Either an expiry or a problem (a message starting with {@code expires_at}). */
    record Expiry(Instant expiresAt, String problem, boolean endpointFailing) {
    }

    /** @throws SourceException when reads were aborted (a stop, the deadline): the run stops, no problem is noted */
    Expiry of(String name) {
        InputStream body;
        try {
            body = client.get(VALUE_PATH + pathSegment(name));
        } catch (ControlPlaneFailure e) {
            return new Expiry(null, "expires_at: the certificate value could not be fetched from the Control Plane ("
                    + e.reason() + ")", e.retriesExhausted());
        }
        try (body; JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            Optional<String> value = valueField(parser);
            if (value.isEmpty()) {
                return new Expiry(null, NO_VALUE, false);
            }
            return PemCertificates.notAfter(value.get())
                    .map(notAfter -> new Expiry(notAfter, null, false))
                    .orElseGet(() -> new Expiry(null, NOT_A_CERTIFICATE, false));
        } catch (JacksonException | IOException e) {
            throwIfAborted(e);
            return new Expiry(null, UNREADABLE, false);
        }
    }

    /**
     * A value read ended by a stop or the deadline is the run's to handle (the step stops), not this secret's
     * problem. The request itself already fails so ({@link ControlPlaneClient#get}): not a ControlPlaneFailure.
     */
    private static void throwIfAborted(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ReadAbortedException aborted) {
                throw new SourceException("reading a certificate value was aborted: " + aborted.getMessage(), aborted);
            }
        }
    }

    private static Optional<String> valueField(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return Optional.empty();
        }
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if (field.equals("value") && token == JsonToken.VALUE_STRING) {
                return Optional.of(parser.getString());
            }
            parser.skipChildren();
        }
        return Optional.empty();
    }

    /** Names may hold anything: {@code /}, spaces, {@code ..}. Each is one encoded path segment. */
    static String pathSegment(String name) {
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return encoded.equals(".") || encoded.equals("..") ? encoded.replace(".", "%2E") : encoded;
    }
}
