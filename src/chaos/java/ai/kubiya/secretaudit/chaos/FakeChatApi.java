package ai.kubiya.secretaudit.chaos;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's Web API ({@code users.lookupByEmail}, {@code chat.postMessage}) and one Teams webhook, served by one
 * WireMock server behind a {@link CuttableProxy} each, so either service can go away mid-run. Owner {@code k} of the
 * chaos inventory ({@code owner<k>@chat.example}, secrets {@code chat-o<k>-t<j>}) is Slack user {@code U<k>}.
 *
 * <p>A fault plan answers a given number of each service's requests, picked at random among the requests a clean
 * delivery makes (Slack two per owner, Teams one), with 429 ({@code Retry-After} 0 or 1 s), 500, 502, 503 or a
 * connection reset, each before the message is taken; never more than {@link #FAULTS_PER_MESSAGE} times for the same
 * message (lookup and post counted together: the fault moves to the next request), so that with a cut on top a
 * message fails fewer times than {@code audit.mail.max-attempts} (5) allows: the plan tests delivery, not the
 * attempts' limit. Deliveries are
 * counted from the request journal, as the service saw them: a 2xx answer to a post, whether or not the client got
 * it.
 */
final class FakeChatApi implements AutoCloseable {

    static final String WEBHOOK = "/webhookb2/chaos";
    static final int FAULTS_PER_MESSAGE = 2;
    private static final Pattern OWNER_EMAIL = Pattern.compile("owner(\\d+)@chat\\.example");
    private static final Pattern OWNER_SECRET = Pattern.compile("chat-o(\\d+)-t");
    private static final Pattern SLACK_CHANNEL = Pattern.compile("\"channel\"\\s*:\\s*\"U(\\d+)\"");
    private static final List<String> FAULTS = List.of("429", "500", "502", "503", "reset");
    // 429s are waited out in the same run; the others end the service's delivery for the run

    private final WireMockServer server;
    private final FaultPlan plan;
    final CuttableProxy slack;
    final CuttableProxy teams;

    FakeChatApi(Random random, int faultsPerService, int owners, int postDelayMillis) throws IOException {
        plan = new FaultPlan(random, postDelayMillis);
        plan.plan("slack", faultsPerService, 2 * owners);
        plan.plan("teams", faultsPerService, owners);
        server = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort()
                .containerThreads(20).extensions(plan));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ok()));
        slack = new CuttableProxy(server.port(), Long.MAX_VALUE);
        teams = new CuttableProxy(server.port(), Long.MAX_VALUE);
    }

    /** The keys and environment that point a child at these fakes, with timeouts that keep a run short. */
    List<String> properties() {
        return List.of("audit.slack.base-url=http://127.0.0.1:" + slack.port() + "/api/",
                "audit.teams.webhook-url=http://127.0.0.1:" + teams.port() + WEBHOOK + "?sig=chaos-signature",
                "audit.slack.connect-timeout=1s", "audit.slack.read-timeout=3s", "audit.slack.max-retry-after=2s",
                "audit.teams.connect-timeout=1s", "audit.teams.read-timeout=3s", "audit.teams.max-retry-after=2s");
    }

    static Map<String, String> environment() {
        return Map.of("AUDIT_SLACK_TOKEN", "xoxb-chaos-token");
    }

    /** Fault → how many times it was served. */
    Map<String, Integer> faultsServed() {
        synchronized (plan) {
            return new TreeMap<>(plan.served);
        }
    }

    /** Owner → how many of their messages the service took, for "slack" or "teams". */
    Map<Integer, Integer> delivered(String service) {
        Map<Integer, Integer> delivered = new TreeMap<>();
        for (ServeEvent event : server.getAllServeEvents()) {
            String path = event.getRequest().getUrl();
            boolean taken = event.getResponse() != null && event.getResponseDefinition().getFault() == null
                    && event.getResponse().getStatus() / 100 == 2;
            boolean post = service.equals("slack") ? path.startsWith("/api/chat.postMessage") : path.startsWith(WEBHOOK);
            if (taken && post) {
                int owner = owner(service.equals("slack") ? SLACK_CHANNEL : OWNER_SECRET, event.getRequest().getBodyAsString());
                delivered.merge(owner, 1, Integer::sum);
            }
        }
        return delivered;
    }

    int deliveredCount(String service) {
        return delivered(service).values().stream().mapToInt(Integer::intValue).sum();
    }

    private static int owner(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    @Override
    public void close() {
        slack.close();
        teams.close();
        server.stop();
    }

    /** Answers every request: the service's own answer, or a fault of the plan. */
    private static final class FaultPlan implements ResponseDefinitionTransformerV2 {

        private final Random random;
        private final int postDelayMillis;
        private final Map<String, Integer> faults = new HashMap<>();
        private final Map<String, java.util.Set<Integer>> planned = new HashMap<>();
        private final Map<String, Integer> requests = new HashMap<>();
        final Map<String, Integer> served = new TreeMap<>();

        FaultPlan(Random random, int postDelayMillis) {
            this.random = random;
            this.postDelayMillis = postDelayMillis;
        }

        @Override
        public synchronized ResponseDefinition transform(ServeEvent event) {
            String path = event.getRequest().getUrl();
            String body = event.getRequest().getBodyAsString();
            if (path.startsWith("/api/users.lookupByEmail")) {
                String email = URLDecoder.decode(body.replaceFirst("^email=", ""), StandardCharsets.UTF_8);
                int owner = owner(OWNER_EMAIL, email);
                return fault("slack:" + owner).orElse(owner < 0 ? json("{\"ok\":false,\"error\":\"users_not_found\"}", 0)
                        : json("{\"ok\":true,\"user\":{\"id\":\"U" + owner + "\"}}", 0));
            }
            if (path.startsWith("/api/chat.postMessage")) {
                return fault("slack:" + owner(SLACK_CHANNEL, body))
                        .orElse(json("{\"ok\":true,\"ts\":\"1.2\"}", postDelayMillis));
            }
            if (path.startsWith(WEBHOOK)) {
                return fault("teams:" + owner(OWNER_SECRET, body)).orElse(ResponseDefinitionBuilder.responseDefinition()
                        .withStatus(202).withFixedDelay(postDelayMillis).build());
            }
            return ResponseDefinitionBuilder.responseDefinition().withStatus(404).build();
        }

        void plan(String service, int count, int requests) {
            java.util.Set<Integer> at = new java.util.TreeSet<>();
            while (at.size() < Math.min(count, requests)) {
                at.add(random.nextInt(requests));
            }
            planned.put(service, at);
        }

        private java.util.Optional<ResponseDefinition> fault(String message) {
            String service = message.substring(0, message.indexOf(':'));
            int request = requests.merge(service, 1, Integer::sum) - 1;
            java.util.Set<Integer> at = planned.getOrDefault(service, java.util.Set.of());
            if (!at.remove(request)) {
                return java.util.Optional.empty();
            }
            if (faults.getOrDefault(message, 0) >= FAULTS_PER_MESSAGE) {
                at.add(request + 1); // this message had its share: the fault moves on
                return java.util.Optional.empty();
            }
            faults.merge(message, 1, Integer::sum);
            String kind = FAULTS.get(random.nextInt(FAULTS.size()));
            served.merge(kind, 1, Integer::sum);
            ResponseDefinitionBuilder answer = ResponseDefinitionBuilder.responseDefinition();
            return java.util.Optional.of(switch (kind) {
                case "429" -> answer.withStatus(429).withHeader("Retry-After", String.valueOf(random.nextInt(2))).build();
                case "reset" -> answer.withFault(Fault.CONNECTION_RESET_BY_PEER).build();
                default -> answer.withStatus(Integer.parseInt(kind)).build();
            });
        }

        private static ResponseDefinition json(String body, int delayMillis) {
            return ResponseDefinitionBuilder.responseDefinition().withStatus(200)
                    .withHeader("Content-Type", "application/json").withBody(body).withFixedDelay(delayMillis).build();
        }

        @Override
        public String getName() {
            return "chaos-fault-plan";
        }
    }
}
