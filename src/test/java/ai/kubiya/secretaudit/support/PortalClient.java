package ai.kubiya.secretaudit.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A browser as far as the portal's sign-in needs one: follows redirects itself (to the provider and back) and keeps
 * cookies by name. The JDK's own cookie store would not send the portal's {@code Secure} session cookie to
 * http://localhost, which browsers do (localhost counts as a secure origin).
 */
public final class PortalClient {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    /** Every Set-Cookie header received, as sent. */
    public final List<String> setCookies = new ArrayList<>();

    /** One request, no redirect followed. */
    public HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookieHeader());
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        for (String header : response.headers().allValues("Set-Cookie")) {
            setCookies.add(header);
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return response;
    }

    /** The cookies kept, as a Cookie header sends them: for a request this client does not make itself. */
    public String cookieHeader() {
        return cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }

    /** Follows up to 10 redirects; the last response. */
    public HttpResponse<byte[]> follow(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = get(url);
        for (int i = 0; i < 10 && response.statusCode() / 100 == 3; i++) {
            String location = response.headers().firstValue("Location").orElseThrow();
            response = get(URI.create(url).resolve(location).toString());
            url = response.uri().toString();
        }
        return response;
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
