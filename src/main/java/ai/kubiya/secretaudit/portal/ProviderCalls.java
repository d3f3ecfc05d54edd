package ai.kubiya.secretaudit.portal;

import java.time.Duration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * The portal's calls to the OpenID Connect provider while a user signs in (redeeming the code, reading the user
 * info), as Spring Security makes them but with timeouts: its defaults have none, and a provider that took the
 * connection and never answered held the sign-in, and a server thread, for as long as it hung (the chaos suite's
 * {@code oidc} scenario: still no answer after 30 s). The provider's keys (JWKS) are read by Spring Security's own
 * client, once per start and then cached.
 */
final class ProviderCalls {

    /** As long as the metrics push waits for a Pushgateway: a provider slower than this is down for a user too. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private ProviderCalls() {
    }

    static OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokenClient(Duration timeout) {
        RestClient rest = RestClient.builder()
                .requestFactory(requests(timeout))
                .configureMessageConverters(converters -> {
                    converters.addCustomConverter(new FormHttpMessageConverter());
                    converters.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
        RestClientAuthorizationCodeTokenResponseClient client = new RestClientAuthorizationCodeTokenResponseClient();
        client.setRestClient(rest);
        return client;
    }

    static OidcUserService userService(Duration timeout) {
        RestTemplate rest = new RestTemplate(requests(timeout));
        rest.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
        DefaultOAuth2UserService userInfo = new DefaultOAuth2UserService();
        userInfo.setRestOperations(rest);
        OidcUserService users = new OidcUserService();
        users.setOauth2UserService(userInfo);
        return users;
    }

    private static SimpleClientHttpRequestFactory requests(Duration timeout) {
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(timeout);
        requests.setReadTimeout(timeout);
        return requests;
    }
}
