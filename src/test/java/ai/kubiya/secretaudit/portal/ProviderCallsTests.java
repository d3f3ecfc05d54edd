package ai.kubiya.secretaudit.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;

/** The provider hangs (takes the connection, never answers) as the portal redeems a sign-in's code. */
class ProviderCallsTests {

    static final String REDIRECT = "http://localhost/login/oauth2/code/audit";

    @Test
    void redeemingTheCodeAtAProviderThatNeverAnswersFailsAfterTheTimeoutInsteadOfHangingTheSignIn() throws Exception {
        List<Socket> held = new ArrayList<>();
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(hung.accept()); // read nothing, answer nothing
                    }
                } catch (java.io.IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            OAuth2AuthorizationCodeGrantRequest grant = grant("http://127.0.0.1:" + hung.getLocalPort() + "/token");
            long start = System.nanoTime();

            assertThatThrownBy(() -> ProviderCalls.tokenClient(Duration.ofSeconds(1)).getTokenResponse(grant))
                    .isInstanceOf(OAuth2AuthorizationException.class);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(held).isNotEmpty();
        }
    }

    private static OAuth2AuthorizationCodeGrantRequest grant(String tokenUri) {
        ClientRegistration registration = ClientRegistration.withRegistrationId("audit").clientId("audit-portal")
                .clientSecret("portal-secret").authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(REDIRECT).authorizationUri("http://127.0.0.1:1/authorize").tokenUri(tokenUri).build();
        OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri("http://127.0.0.1:1/authorize").clientId("audit-portal").redirectUri(REDIRECT)
                .state("state-1").build();
        OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success("code-1").redirectUri(REDIRECT)
                .state("state-1").build();
        return new OAuth2AuthorizationCodeGrantRequest(registration, new OAuth2AuthorizationExchange(request, response));
    }
}
