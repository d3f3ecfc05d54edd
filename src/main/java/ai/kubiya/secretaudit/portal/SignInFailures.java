package ai.kubiya.secretaudit.portal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.client.ResourceAccessException;

/**
 * A sign-in that did not complete ends on a page that says so, with nothing granted. Spring Security's own page
 * said "Invalid credentials" under a link to the provider when the provider could not be reached (the chaos suite's
 * {@code oidc} scenario): a user would retype a password that was never the problem. Provider away or too slow:
 * 502 and "could not be reached"; anything else (the provider refused, a stale or replayed redirect): 401. The
 * page and the log line name the provider's error code at most, never the code, token or URL of the request.
 */
final class SignInFailures implements AuthenticationFailureHandler {

    static final String PATH = "/sign-in-failed";
    static final String PROBLEM = SignInFailures.class.getName() + ".problem";
    private static final Logger log = LoggerFactory.getLogger(SignInFailures.class);
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException, ServletException {
        boolean unreachable = unreachable(exception);
        String code = exception instanceof OAuth2AuthenticationException oauth ? errorCode(oauth) : null;
        log.warn("Sign-in failed: {}", unreachable ? "the identity provider could not be reached or did not answer"
                + " within " + ProviderCalls.TIMEOUT.toSeconds() + " s" : "the identity provider did not confirm it"
                + (code == null ? "" : " (" + code + ")"));
        response.setStatus(unreachable ? HttpStatus.BAD_GATEWAY.value() : HttpStatus.UNAUTHORIZED.value());
        request.setAttribute(PROBLEM, unreachable
                ? "The identity provider could not be reached, or did not answer in time. Try again in a few minutes."
                : "The identity provider did not confirm the sign-in. Start it again from the portal's address.");
        request.getRequestDispatcher(PATH).forward(request, response);
    }

    /**
     * OAuth's error codes are short ASCII words; the provider's callback carries one in its {@code error} parameter,
     * which anyone can write into a URL (with a CR LF to forge a log line): anything else is not quoted.
     */
    static String errorCode(OAuth2AuthenticationException exception) {
        String code = exception.getError().getErrorCode();
        return code != null && ERROR_CODE.matcher(code).matches() ? code : "an unrecognised error code";
    }

    private static boolean unreachable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof ResourceAccessException || cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
