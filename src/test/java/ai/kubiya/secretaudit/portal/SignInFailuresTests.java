package ai.kubiya.secretaudit.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/** The provider's error code reaches the log only when it looks like one: a URL can carry anything in it. */
class SignInFailuresTests {

    @Test
    void anErrorCodeIsQuotedOnlyWhenItIsAShortAsciiWord() {
        assertThat(SignInFailures.errorCode(failure("access_denied"))).isEqualTo("access_denied");
        assertThat(SignInFailures.errorCode(failure("invalid_token_response"))).isEqualTo("invalid_token_response");
        assertThat(SignInFailures.errorCode(failure("a\r\n2026-11-30 WARN forged line")))
                .isEqualTo("an unrecognised error code");
        assertThat(SignInFailures.errorCode(failure("x".repeat(65)))).isEqualTo("an unrecognised error code");
        assertThat(SignInFailures.errorCode(failure("<script>"))).isEqualTo("an unrecognised error code");
    }

    private static OAuth2AuthenticationException failure(String code) {
        return new OAuth2AuthenticationException(new OAuth2Error(code));
    }
}
