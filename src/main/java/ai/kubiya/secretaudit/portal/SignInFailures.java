package ai.kubiya.secretaudit.portal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException, ServletException {
        boolean unreachable = unreachable(exception);
        String code = exception instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : null;
        log.warn("Sign-in failed: {}", unreachable ? "the identity provider could not be reached or did not answer"
                + " within " + ProviderCalls.TIMEOUT.toSeconds() + " s" : "the identity provider did not confirm it"
                + (code == null ? "" : " (" + code + ")"));
        response.setStatus(unreachable ? HttpStatus.BAD_GATEWAY.value() : HttpStatus.UNAUTHORIZED.value());
        request.setAttribute(PROBLEM, unreachable
                ? "The identity provider could not be reached, or did not answer in time. Try again in a few minutes."
                : "The identity provider did not confirm the sign-in. Start it again from the portal's address.");
        request.getRequestDispatcher(PATH).forward(request, response);
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
