package ai.kubiya.secretaudit.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One signed-in auditor, as a browser would be one: a client of its own (its own connections, HTTP/1.1 as browsers
 * speak to an http:// origin), its own session cookie, redirects followed by hand. A pager opens the run page, then
 * pages through its findings by the "Next page" link (the keyset cursor the page carries), one session in four with a
 * filter, thinking 0.5–1.5 s between pages; a downloader fetches the run's exports and workbook one after the other,
 * reading each to its last byte, thinking as long between them.
 */
final class Auditor {

    /** Ten pages per visit, then back to the run page: the depth a person reads before narrowing the filter. */
    static final int PAGES_PER_VISIT = 10;
    static final List<String> FILTERS = List.of("status=EXPIRED", "severity=CRITICAL", "lifecycle=NEW",
            "type=certificate");
    static final List<String> DOWNLOADS = List.of("export/csv", "export/json", "export/ocsf", "workbook");

    private static final Pattern NEXT_PAGE = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    // the JDK's cookie store would not send the portal's Secure cookie to http://localhost, which browsers do
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final String base;
    private final int index;
    private final Random random;

    Auditor(String base, int index) {
        if (!List.of("localhost", "127.0.0.1").contains(URI.create(base).getHost())) {
            throw new IllegalArgumentException("the load goes to loopback only");
        }
        this.base = base;
        this.index = index;
        this.random = new Random(index);
    }

    /** Signs in through the provider (the caller has queued this auditor's claims there); true on the runs page. */
    boolean signIn() throws IOException, InterruptedException {
        String url = base + "/runs";
        HttpResponse<byte[]> response = get(url);
        for (int i = 0; i < 10 && response.statusCode() / 100 == 3; i++) {
            url = URI.create(url).resolve(response.headers().firstValue("Location").orElseThrow()).toString();
            response = get(url);
        }
        return response.statusCode() == 200 && text(response).contains("Sign out");
    }

    /** Pages until the phase ends. */
    void page(long runId, LoadPhase phase) throws InterruptedException {
        while (phase.running()) {
            if (!runPage(phase, base + "/runs/" + runId)) {
                think();
                continue;
            }
            think();
            String filter = random.nextInt(4) == 0 ? "?" + FILTERS.get(random.nextInt(FILTERS.size())) : "";
            String next = base + "/runs/" + runId + "/findings" + filter;
            for (int page = 0; page < PAGES_PER_VISIT && next != null && phase.request(); page++) {
                next = findings(phase, next);
                think();
            }
        }
    }

    /**
     * Downloads until the phase ends; one still arriving then is cut off (its bytes so far are counted). Over
     * {@link HttpURLConnection}, a blocking read into this thread's buffer: the JDK's {@link HttpClient} moved each
     * byte through its selector thread and a queue of buffers, CPU the bench took from the job it measures (an
     * auditor's browser is not on the server).
     */
    void download(long runId, LoadPhase phase) throws InterruptedException {
        for (int i = index; phase.request(); i++) {
            String what = DOWNLOADS.get(i % DOWNLOADS.size());
            HttpURLConnection connection = null;
            try {
                connection = (HttpURLConnection) URI.create(base + "/runs/" + runId + "/" + what).toURL()
                        .openConnection();
                connection.setInstanceFollowRedirects(false);
                connection.setConnectTimeout(10_000);
                connection.setReadTimeout(1_800_000);
                connection.setRequestProperty("Cookie", cookieHeader());
                if (connection.getResponseCode() != 200) {
                    phase.failure(what + " " + connection.getResponseCode());
                } else {
                    try (InputStream body = connection.getInputStream()) {
                        phase.download(drain(body, phase, connection.getContentLengthLong()));
                    }
                }
            } catch (IOException e) {
                phase.failure(what + " " + e.getClass().getSimpleName());
            } finally {
                if (connection != null && !phase.running()) {
                    connection.disconnect(); // cut off: do not read the rest to reuse the connection
                }
            }
            think();
        }
    }

    /** True when the download arrived whole (a workbook: as long as its Content-Length). */
    private static boolean drain(InputStream body, LoadPhase phase, long length) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = body.read(buffer)) >= 0; ) {
            total += n;
            phase.downloaded(n);
            if (!phase.running()) {
                return false;
            }
        }
        return length < 0 || total == length;
    }

    /** One findings page, timed; the next page's URL, or null at the last page or on a failure. */
    private String findings(LoadPhase phase, String url) {
        try {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = get(url);
            long nanos = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                phase.failure("findings " + response.statusCode());
                return null;
            }
            phase.findingsPage(nanos);
            Matcher next = NEXT_PAGE.matcher(text(response));
            return next.find() ? base + next.group(1).replace("&amp;", "&") : null;
        } catch (IOException e) {
            phase.failure("findings " + e.getClass().getSimpleName());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The run page, timed: it is where an auditor starts, and it aggregates the whole run. */
    private boolean runPage(LoadPhase phase, String url) throws InterruptedException {
        if (!phase.request()) {
            return false;
        }
        try {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = get(url);
            if (response.statusCode() != 200) {
                phase.failure("run page " + response.statusCode());
                return false;
            }
            phase.runPage(System.nanoTime() - start);
            return true;
        } catch (IOException e) {
            phase.failure("run page " + e.getClass().getSimpleName());
            return false;
        }
    }

    private void think() throws InterruptedException {
        Thread.sleep(500 + random.nextInt(1001));
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request(url), HttpResponse.BodyHandlers.ofByteArray());
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int equals = pair.indexOf('=');
            cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return response;
    }

    private HttpRequest request(String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30)).GET();
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookieHeader());
        }
        return request.build();
    }

    private String cookieHeader() {
        return cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
