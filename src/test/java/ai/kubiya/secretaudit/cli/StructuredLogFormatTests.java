package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The structured log format is checked from the environment before Spring Boot's logging system reads it. */
class StructuredLogFormatTests {

    @ParameterizedTest
    @ValueSource(strings = {"ecs", "logstash", "gelf", "ECS", " ecs ", "",
            "org.springframework.boot.logging.structured.StructuredLogFormatter"})
    void theCommonFormatsAndAClassAreAccepted(String value) {
        assertThatCode(() -> StructuredLogFormat.check(Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", value)::get,
                key -> null)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus", "json", "ecs,logstash", "com.example.NoSuchFormatter"})
    void anythingElseIsAConfigurationErrorThatDoesNotQuoteTheValue(String value) {
        assertThatThrownBy(() -> StructuredLogFormat.check(Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", value)::get,
                key -> null))
                .isInstanceOf(ApplicationContexts.ConfigurationError.class)
                .hasMessageContaining("LOGGING_STRUCTURED_FORMAT_CONSOLE")
                .hasMessageNotContaining(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus"})
    void aSystemPropertyOutranksTheEnvironment(String value) {
        assertThatThrownBy(() -> StructuredLogFormat.check(Map.of("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")::get,
                Map.of(StructuredLogFormat.KEY, value)::get))
                .isInstanceOf(ApplicationContexts.ConfigurationError.class);
    }
}
