package ai.kubiya.secretaudit.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The owner reminders' chat messages (Slack DMs, Teams cards) under chaos, counted at the fake APIs
 * ({@link FakeChatApi}): {@code chat} has both services answer 429, 5xx and resets at random and go away mid-run;
 * {@code chat-kill} kills the run with SIGKILL inside the chat delivery and restarts it. Every owner of the inventory
 * is reminded, so every owner is one expected message per service.
 */
final class ChatChaos {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> SERVICES = List.of("slack", "teams");
    private static final List<String> DEBUG_STEPS = List.of(
            "logging.level.org.springframework.batch.core.step.AbstractStep=DEBUG");

    private final ChaosSuite suite;

    ChatChaos(ChaosSuite suite) {
        this.suite = suite;
    }

    /**
     * Faults at random requests ({@code chatFaults} per service; a 5xx or a reset ends that service's delivery for
     * the run, by design, so each adds a run), and once each service goes away at a random
     * point of its delivery (connections dropped, then refused) and is back for the next run: runs follow until
     * nothing is queued.
     */
    void faults() throws Exception {
        Path dir = suite.work.resolve("chat");
        int owners = suite.mode.chatOwners();
        Path inventory = inventory(dir, owners);
        List<Integer> exits = new ArrayList<>();
        Map<String, Integer> cutAt = new LinkedHashMap<>();
        for (String service : SERVICES) {
            cutAt.put(service, 1 + suite.random.nextInt(Math.max(1, owners - 1)));
        }
        try (FakeChatApi api = new FakeChatApi(suite.random, suite.mode.chatFaults(), owners, 0)) {
            while (exits.isEmpty() || (exits.size() < 10 && queued(dir) > 0)) {
                Process run = start(dir, api, exits.size() + 1, inventory, List.of());
                Thread cutter = cutter(run, api, cutAt);
                exits.add(ChaosSuite.await(run, 600));
                cutter.join();
                api.slack.reopen();
                api.teams.reopen();
            }
            Map<String, Integer> served = api.faultsServed();
            suite.figure("chat", "runs (exit codes) / faults served", exits.size() + " " + exits + " / " + served);
            suite.check(served.values().stream().mapToInt(Integer::intValue).sum() == 2 * suite.mode.chatFaults(),
                    "chat: " + served + " faults served of " + 2 * suite.mode.chatFaults() + " planned");
            suite.figure("chat", "services gone after (messages taken, cumulative)", "slack " + cutAt.get("slack")
                    + ", teams " + cutAt.get("teams"));
            suite.check(exits.stream().allMatch(exit -> exit == 0), "chat: a run did not exit 0: " + exits
                    + " (see " + dir + ")");
            suite.check(api.slack.wasCut() && api.teams.wasCut(), "chat: a service never went away");
            int duplicates = tally("chat", api, owners, 1, dir);
            suite.check(duplicates <= 2, "chat: " + duplicates + " duplicates for 2 outages");
        }
    }

    /** SIGKILL at random points of the chat delivery, restarted each time, until the run completes. */
    void kills() throws Exception {
        Path dir = suite.work.resolve("chat-kill");
        int owners = suite.mode.chatOwners();
        Path inventory = inventory(dir, owners);
        int delay = 30; // ms the fake takes per message: ~2 s per 60 owners, time for a kill to land inside
        List<String> killPoints = new ArrayList<>();
        int attempts = 0;
        boolean completed = false;
        try (FakeChatApi api = new FakeChatApi(suite.random, 0, owners, delay)) {
            while (!completed && attempts < suite.mode.chatKills() + 5) {
                attempts++;
                Path log = dir.resolve("attempt-" + attempts + ".log");
                // every other kill in the Teams delivery, as long as it has messages left, the others in Slack's
                String service = left(api, "teams", owners) > 0
                        && (killPoints.size() % 2 == 1 || left(api, "slack", owners) == 0) ? "teams" : "slack";
                int before = api.deliveredCount(service);
                Process run = start(dir, api, attempts, inventory, DEBUG_STEPS);
                // from this attempt's first message on: a busy machine takes seconds from the step's start to it
                if (killPoints.size() < suite.mode.chatKills() && awaitDelivery(run, api, service, before)) {
                    double seconds = (0.05 + 0.7 * suite.random.nextDouble()) * left(api, service, owners) * delay
                            / 1000.0;
                    if (!run.waitFor((long) (seconds * 1000), TimeUnit.MILLISECONDS)) {
                        String phase = ChaosSuite.phase(log);
                        run.destroyForcibly(); // SIGKILL
                        run.waitFor(60, TimeUnit.SECONDS);
                        killPoints.add(String.format(Locale.ROOT, "%.2f s into %s (%d + %d taken)", seconds, phase,
                                api.deliveredCount("slack"), api.deliveredCount("teams")));
                        continue;
                    }
                }
                int exit = ChaosSuite.await(run, 600);
                completed = exit == 0;
                suite.check(completed, "chat-kill: attempt " + attempts + " exited " + exit + " (see " + log + ")");
            }
            suite.figure("chat-kill", "kills (SIGKILL) / attempts", killPoints.size() + " / " + attempts);
            suite.figure("chat-kill", "kill points", String.join("; ", killPoints));
            suite.check(completed, "chat-kill: the run never completed");
            suite.check(!suite.mode.name().equals("ci") ? killPoints.size() == suite.mode.chatKills()
                    : !killPoints.isEmpty(), "chat-kill: " + killPoints.size() + " of " + suite.mode.chatKills()
                    + " kills landed inside the chat delivery");
            suite.check(killPoints.stream().allMatch(point -> point.contains(" into send")), "chat-kill: a kill"
                    + " landed outside the chat delivery: " + killPoints);
            int duplicates = tally("chat-kill", api, owners, killPoints.size(), dir);
            suite.check(duplicates <= killPoints.size(), "chat-kill: " + duplicates + " duplicates for "
                    + killPoints.size() + " kills");
        }
    }

    /**
     * Expected / delivered / duplicates / lost per service, at the fake API, and the outbox all SENT.
     *
     * @param allowed duplicates allowed per service (the one in flight at each cut or kill)
     * @return the duplicates of both services
     */
    private int tally(String scenario, FakeChatApi api, int owners, int allowed, Path dir) throws IOException {
        int allDuplicates = 0;
        for (String service : SERVICES) {
            Map<Integer, Integer> delivered = api.delivered(service);
            int lost = 0;
            int duplicates = 0;
            for (int owner = 0; owner < owners; owner++) {
                int times = delivered.getOrDefault(owner, 0);
                lost += times == 0 ? 1 : 0;
                duplicates += Math.max(0, times - 1);
            }
            int strangers = delivered.keySet().stream().filter(owner -> owner < 0 || owner >= owners)
                    .mapToInt(delivered::get).sum();
            int total = delivered.values().stream().mapToInt(Integer::intValue).sum();
            suite.figure(scenario, service + ": messages expected / delivered / duplicates / lost", owners + " / "
                    + total + " / " + duplicates + " / " + lost);
            suite.check(lost == 0, scenario + ": " + lost + " " + service + " message(s) never delivered");
            suite.check(strangers == 0, scenario + ": " + strangers + " " + service + " message(s) for nobody expected");
            suite.check(delivered.values().stream().allMatch(times -> times <= 2), scenario + ": a " + service
                    + " message was delivered more than twice");
            suite.check(duplicates <= allowed, scenario + ": " + duplicates + " duplicate " + service
                    + " message(s), at most " + allowed + " allowed");
            allDuplicates += duplicates;
        }
        List<String> states = ChaosSuite.inDatabase(dir.resolve("db"), jdbc -> jdbc.sql(
                "SELECT kind || ' ' || state || ' x' || count(*) FROM mail_outbox"
                        + " WHERE kind IN ('SLACK_REMINDER', 'TEAMS_REMINDER') GROUP BY kind, state ORDER BY 1")
                .query(String.class).list());
        suite.figure(scenario, "outbox chat rows at the end", String.join(", ", states));
        suite.check(states.equals(List.of("SLACK_REMINDER SENT x" + owners, "TEAMS_REMINDER SENT x" + owners)),
                scenario + ": the outbox's chat rows are not all SENT: " + states);
        return allDuplicates;
    }

    /**
     * Cuts each service not cut yet once its planned number of messages was taken, counted over all runs (polled
     * every 5 ms: the cut lands near, not on, it, and sometimes with a message in flight).
     */
    private static Thread cutter(Process run, FakeChatApi api, Map<String, Integer> cutAt) {
        Thread thread = new Thread(() -> {
            while (run.isAlive() && !(api.slack.wasCut() && api.teams.wasCut())) {
                if (!api.slack.wasCut() && api.deliveredCount("slack") >= cutAt.get("slack")) {
                    api.slack.cutNow();
                }
                if (!api.teams.wasCut() && api.deliveredCount("teams") >= cutAt.get("teams")) {
                    api.teams.cutNow();
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "chaos-chat-cutter");
        thread.start();
        return thread;
    }

    /** Messages of {@code service} no run has delivered yet. */
    private static int left(FakeChatApi api, String service, int owners) {
        return owners - api.delivered(service).size();
    }

    private static boolean awaitDelivery(Process run, FakeChatApi api, String service, int before)
            throws InterruptedException {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (run.isAlive() && System.nanoTime() < deadline) {
            if (api.deliveredCount(service) > before) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private int queued(Path dir) throws IOException {
        return ChaosSuite.inDatabase(dir.resolve("db"), jdbc -> jdbc.sql("SELECT count(*) FROM mail_outbox WHERE kind"
                        + " IN ('SLACK_REMINDER', 'TEAMS_REMINDER') AND state IN ('PENDING', 'FAILED_TEMPORARY')")
                .query(Integer.class).single());
    }

    private Process start(Path dir, FakeChatApi api, int attempt, Path inventory, List<String> extra)
            throws IOException {
        List<String> properties = new ArrayList<>(api.properties());
        properties.addAll(extra);
        return suite.child.start(dir.resolve("db"), dir.resolve("reports"), null,
                dir.resolve("attempt-" + attempt + ".log"), properties, FakeChatApi.environment(),
                "--source=file:" + inventory, "--as-of=" + ChaosSuite.AS_OF);
    }

    /** Owner {@code k} has one to three overdue tokens {@code chat-o<k>-t<j>}: every owner is reminded. */
    private static Path inventory(Path dir, int owners) throws IOException {
        Files.createDirectories(dir);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int owner = 0; owner < owners; owner++) {
            for (int token = 0; token <= owner % 3; token++) {
                Map<String, Object> record = new LinkedHashMap<>();
                record.put("name", "chat-o" + owner + "-t" + token);
                record.put("type", "token");
                record.put("scope", "org");
                record.put("created_at", "2026-0" + (1 + token) + "-15T00:00:00Z");
                record.put("created_by", "owner" + owner + "@chat.example");
                records.add(record);
            }
        }
        Path file = dir.resolve("inventory.json");
        JSON.writeValue(file.toFile(), records);
        return file;
    }
}
