package ai.kubiya.secretaudit.source.controlplane;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretMetadata;
import ai.kubiya.secretaudit.source.SecretSource;
import ai.kubiya.secretaudit.source.SourceReads;
import ai.kubiya.secretaudit.support.TestCertificates;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code audit.certificates.inspect-values}: certificate expiry read from the PEM value, and only then. */
class CertificateInspectionTests {

    static final String API_KEY = "kubiya-test-key-certs";
    static final String CANARY = "CANARY-SECRET-VALUE-c3e1";
    static final Instant NOT_BEFORE = Instant.parse("2026-01-01T00:00:00Z");
    static final String LIST = """
            [{"name": "ingress-tls", "type": "certificate", "created_at": "2026-01-01T00:00:00Z"},
             {"name": "partner mtls/client", "type": "Certificate", "created_at": "2026-01-01T00:00:00Z"},
             {"name": "known-expiry", "type": "certificate", "expires_at": "2027-03-01T00:00:00Z"},
             {"name": "not-a-cert", "type": "certificate"},
             {"name": "github-token", "type": "token", "value": "%s"}]""".formatted(CANARY);

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static String leaf;
    static String issuer;

    @BeforeAll
    static void makeCertificates(@TempDir Path directory) {
        leaf = TestCertificates.selfSignedPem(directory, "ingress", NOT_BEFORE, 30);
        issuer = TestCertificates.selfSignedPem(directory, "issuer", NOT_BEFORE, 3650);
    }

    final List<Duration> sleeps = new ArrayList<>();

    @Test
    void theExpiryOfACertificateWithoutOneIsReadFromItsPem() {
        // given: a chain (leaf first) for one certificate, a leaf alone for the other, garbage for the third
        server.stubFor(get(ControlPlaneSecretSource.SECRETS_PATH).willReturn(okJson(LIST)));
        stubValue("ingress-tls", leaf + issuer);
        stubValue("partner%20mtls%2Fclient", leaf);
        stubValue("not-a-cert", CANARY);

        // when
        Map<String, SecretMetadata> records = readAll(source(true));

        // then
        Instant notAfter = NOT_BEFORE.plus(Duration.ofDays(30));
        assertThat(records.get("ingress-tls").expiresAt()).isEqualTo(notAfter);
        assertThat(records.get("ingress-tls").problems()).isEmpty();
        assertThat(records.get("partner mtls/client").expiresAt()).isEqualTo(notAfter);
        assertThat(records.get("known-expiry").expiresAt()).isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
        assertThat(records.get("not-a-cert").expiresAt()).isNull();
        assertThat(records.get("not-a-cert").problems()).containsExactly(CertificateExpiries.NOT_A_CERTIFICATE);
        assertThat(records.values().toString()).doesNotContain(CANARY).doesNotContain(leaf.substring(30, 60));
        server.verify(0, getRequestedFor(urlEqualTo("/api/v1/secrets/value/known-expiry")));
        server.verify(0, getRequestedFor(urlEqualTo("/api/v1/secrets/value/github-token")));
        server.verify(3, getRequestedFor(urlPathMatching("/api/v1/secrets/value/.*")));
    }

    @Test
    void withInspectionOffNoValueIsEverRequested() {
        server.stubFor(get(ControlPlaneSecretSource.SECRETS_PATH).willReturn(okJson(LIST)));
        stubValue("ingress-tls", leaf);

        Map<String, SecretMetadata> records = readAll(source(false));

        assertThat(records).hasSize(5);
        assertThat(records.get("ingress-tls").expiresAt()).isNull();
        server.verify(0, getRequestedFor(urlPathMatching("/api/v1/secrets/value/.*")));
    }

    @Test
    void aValueThatCannotBeFetchedIsAProblemOnThatRecordOnly() {
        // given: one value is gone (404), the other answers
        server.stubFor(get(ControlPlaneSecretSource.SECRETS_PATH).willReturn(okJson(LIST)));
        server.stubFor(get("/api/v1/secrets/value/ingress-tls").willReturn(aResponse().withStatus(404)));
        stubValue("partner%20mtls%2Fclient", leaf);
        stubValue("not-a-cert", "{}");

        // when
        Map<String, SecretMetadata> records = readAll(source(true));

        // then
        assertThat(records.get("ingress-tls").problems()).containsExactly(
                "expires_at: the certificate value could not be fetched from the Control Plane (HTTP 404)");
        assertThat(records.get("partner mtls/client").expiresAt()).isNotNull();
        assertThat(sleeps).isEmpty();
    }

    @Test
    void whenTheValueEndpointFailsThroughEveryRetryTheOtherCertificatesAreNotTried() {
        // given
        server.stubFor(get(ControlPlaneSecretSource.SECRETS_PATH).willReturn(okJson(LIST)));
        server.stubFor(get(urlPathMatching("/api/v1/secrets/value/.*")).willReturn(aResponse().withStatus(503)));

        // when
        Map<String, SecretMetadata> records = readAll(source(true));

        // then: the run goes on; the first certificate says why, the next ones that they were skipped
        assertThat(records).hasSize(5);
        assertThat(records.get("ingress-tls").problems()).containsExactly("expires_at: the certificate value could"
                + " not be fetched from the Control Plane (HTTP 503 after 3 attempts)");
        assertThat(records.get("partner mtls/client").problems()).containsExactly(CertificateInspectingCursor.SKIPPED);
        assertThat(records.get("not-a-cert").problems()).containsExactly(CertificateInspectingCursor.SKIPPED);
        server.verify(3, getRequestedFor(urlPathMatching("/api/v1/secrets/value/.*")));
    }

    @Test
    void namesAreOneEncodedPathSegment() {
        assertThat(CertificateExpiries.pathSegment("partner mtls/client")).isEqualTo("partner%20mtls%2Fclient");
        assertThat(CertificateExpiries.pathSegment("a+b?c#d%e")).isEqualTo("a%2Bb%3Fc%23d%25e");
        assertThat(CertificateExpiries.pathSegment("..")).isEqualTo("%2E%2E");
    }

    @Test
    void onlyTheFirstPemCertificateCountsAndAnythingElseIsUnreadable() {
        assertThat(PemCertificates.notAfter("chain:\n" + leaf + issuer)).contains(NOT_BEFORE.plus(Duration.ofDays(30)));
        assertThat(PemCertificates.notAfter(issuer + leaf)).contains(NOT_BEFORE.plus(Duration.ofDays(3650)));
        assertThat(PemCertificates.notAfter(CANARY)).isEmpty();
        assertThat(PemCertificates.notAfter("-----BEGIN CERTIFICATE-----\n" + CANARY + "\n-----END CERTIFICATE-----"))
                .isEmpty();
    }

    static void stubValue(String encodedName, String value) {
        // a PEM holds base64, dashes, spaces and line breaks: only the line breaks need escaping
        String json = "{\"value\": \"" + value.replace("\r", "\\r").replace("\n", "\\n") + "\"}";
        server.stubFor(get("/api/v1/secrets/value/" + encodedName).willReturn(okJson(json)));
    }

    ControlPlaneSecretSource source(boolean inspect) {
        ControlPlaneProperties settings = new ControlPlaneProperties(API_KEY, server.baseUrl(), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 3, Duration.ofMillis(100), Duration.ofSeconds(1));
        RetryDelays delays = new RetryDelays(settings.initialBackoff(), settings.maxBackoff(), () -> 0.5,
                Clock.fixed(NOT_BEFORE, ZoneOffset.UTC));
        ControlPlaneClient client = new ControlPlaneClient(settings, "test", delays, sleeps::add, new SourceReads());
        return new ControlPlaneSecretSource(client, inspect ? new CertificateExpiries(client) : null);
    }

    static Map<String, SecretMetadata> readAll(SecretSource source) {
        List<SecretMetadata> records = new ArrayList<>();
        try (SecretCursor cursor = source.open(NOT_BEFORE)) {
            cursor.forEachRemaining(records::add);
        }
        return records.stream().collect(Collectors.toMap(SecretMetadata::name, Function.identity()));
    }
}
