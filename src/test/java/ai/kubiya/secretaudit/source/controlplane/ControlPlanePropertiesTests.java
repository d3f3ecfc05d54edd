package ai.kubiya.secretaudit.source.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** {@code kubiya.*} as the CronJob sets it: environment variables, checked when they are bound. */
class ControlPlanePropertiesTests {

    static final String API_KEY = "kubiya-test-key-props";

    final Map<String, Object> environment = new HashMap<>(Map.of(
            "KUBIYA_API_KEY", API_KEY + "\n",
            "KUBIYA_BASE_URL", "https://cp.example/kubiya/",
            "KUBIYA_CONNECT_TIMEOUT", "10s",
            "KUBIYA_READ_TIMEOUT", "60s",
            "KUBIYA_MAX_ATTEMPTS", "5",
            "KUBIYA_INITIAL_BACKOFF", "1s",
            "KUBIYA_MAX_BACKOFF", "30s"));

    @Test
    void bindsFromEnvironmentVariables() {
        ControlPlaneProperties properties = bind();

        assertThat(properties.apiKey()).isEqualTo(API_KEY);
        assertThat(properties.baseUrl()).isEqualTo("https://cp.example/kubiya");
        assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(properties.maxAttempts()).isEqualTo(5);
    }

    @Test
    void neverPrintsTheApiKey() {
        assertThat(bind().toString()).doesNotContain(API_KEY).contains("apiKey=****");
        environment.remove("KUBIYA_API_KEY");
        assertThat(bind().hasApiKey()).isFalse();
        assertThat(bind().toString()).contains("apiKey=(not set)");
    }

    @Test
    void badValuesFailNamingTheirKey() {
        assertFailure("KUBIYA_READ_TIMEOUT", "0s", "kubiya.read-timeout must be a positive duration");
        assertFailure("KUBIYA_CONNECT_TIMEOUT", "-1s", "kubiya.connect-timeout must be a positive duration");
        assertFailure("KUBIYA_MAX_ATTEMPTS", "0", "kubiya.max-attempts must be at least 1");
        assertFailure("KUBIYA_INITIAL_BACKOFF", "0ms", "kubiya.initial-backoff must be a positive duration");
        assertFailure("KUBIYA_BASE_URL", "ftp://cp.example", "kubiya.base-url (KUBIYA_BASE_URL) 'ftp://cp.example' is not an http(s) URL");
        assertFailure("KUBIYA_BASE_URL", "cp.example", "is not an http(s) URL");
        assertFailure("KUBIYA_BASE_URL", " ", "kubiya.base-url (KUBIYA_BASE_URL) is empty");
        assertFailure("KUBIYA_BASE_URL", "https://user:hunter2@cp.example", "not shown");
        assertFailure("KUBIYA_API_KEY", API_KEY + "\u0000x", "kubiya.api-key (KUBIYA_API_KEY) contains control characters");
    }

    @Test
    void theApiKeyIsNeverInAFailureMessage() {
        environment.put("KUBIYA_API_KEY", API_KEY + "\u0007");

        assertThatThrownBy(this::bind).satisfies(e -> {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                assertThat(String.valueOf(cause.getMessage())).doesNotContain(API_KEY);
            }
        });
    }

    private void assertFailure(String variable, String value, String message) {
        Map<String, Object> saved = new HashMap<>(environment);
        environment.put(variable, value);
        try {
            assertThatThrownBy(this::bind).isInstanceOf(BindException.class).rootCause().hasMessageContaining(message)
                    .message().doesNotContain("hunter2");
        } finally {
            environment.clear();
            environment.putAll(saved);
        }
    }

    private ControlPlaneProperties bind() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-env", environment));
        return new Binder(ConfigurationPropertySources.get(env)).bind("kubiya", ControlPlaneProperties.class).get();
    }
}
