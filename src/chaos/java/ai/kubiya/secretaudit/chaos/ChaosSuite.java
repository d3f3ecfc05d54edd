package ai.kubiya.secretaudit.chaos;

import ai.kubiya.secretaudit.support.DatabaseDump;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chaos suite: the real application in child JVMs, killed, fed garbage and searched for a planted secret
 * value. {@code chaos/run.sh} runs it in full; {@link ChaosIntegrationTests} runs its short mode in
 * {@code mvn verify}. Every scenario adds its figures to the summary table and its violations to
 * {@link #problems}; nothing stops at the first one.
 */
public final class ChaosSuite {

    static final String AS_OF = "2026-11-26";
    static final List<String> STEPS = List.of("evaluateSecretsStep", "checkInventoryStep", "trackLifecycleStep",
            "queueOwnerRemindersStep",
            "sendOwnerRemindersStep", "sendSlackRemindersStep", "sendTeamsRemindersStep", "writeAuditWorkbookStep",
            "sendAuditorWorkbookStep", "finishRunStep");

    /** Sizes of one mode. */
    record Mode(String name, int synthetic, int kills, int fuzzRecords, double maxKillSeconds, int controlPlaneRecords,
            int controlPlaneRounds, int chatOwners, int chatKills, int chatFaults) {
        static Mode full() {
            return new Mode("full", 50_000, 10, 10_000, 60, 20_000, 4, 200, 5, 5);
        }

        static Mode quick() {
            return new Mode("short", 5_000, 3, 2_000, 8, 1_000, 2, 60, 5, 3);
        }

        /** What {@code mvn verify} runs: the short mode, smaller still, to stay within a minute. */
        static Mode ci() {
            return new Mode("ci", 3_000, 3, 1_000, 6, 500, 2, 30, 2, 2);
        }
    }

    final Mode mode;
    final ChaosChild child;
    final Path work;
    final Random random;
    final long seed;
    final List<String[]> figures = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    ChaosSuite(Mode mode, ChaosChild child, Path work, long seed) {
        this.mode = mode;
        this.child = child;
        this.work = work;
        this.seed = seed;
        this.random = new Random(seed);
        // a 100 KB run of one letter compresses more than POI's zip-bomb guard expects of a workbook
        org.apache.poi.openxml4j.util.ZipSecureFile.setMinInflateRatio(0.0001);
    }

    public static void main(String[] args) throws Exception {
        Mode mode = "full".equals(System.getProperty("chaos.mode", "full")) ? Mode.full() : Mode.quick();
        String jar = System.getProperty("chaos.jar", "");
        Path work = Files.createTempDirectory("chaos-" + mode.name());
        long seed = Long.getLong("chaos.seed", System.nanoTime());
        String scenarios = System.getProperty("chaos.scenarios",
                "kill,fuzz,canary,control-plane,smtp-outage,db-restart,chat,chat-kill,pushgateway,oidc,tamper");
        System.out.println("chaos seed " + seed + "; replay: chaos/run.sh" + ("full".equals(mode.name()) ? "" : " --short")
                + " --scenarios=" + scenarios + " --seed=" + seed);
        ChaosSuite suite = new ChaosSuite(mode, new ChaosChild(jar.isEmpty() ? null : Path.of(jar), false), work, seed);
        suite.runAll(scenarios);
        String table = suite.summary();
        System.out.println(table);
        String out = System.getProperty("chaos.out", "");
        if (!out.isEmpty()) {
            Files.writeString(Path.of(out), table);
        }
        System.exit(suite.problems.isEmpty() ? 0 : 1);
    }

    void runAll(String scenarios) throws Exception {
        figure("suite", "mode / seed / child", mode.name() + " / " + seed + " / " + child.describe());
        figure("suite", "work dir", work.toString());
        for (String scenario : scenarios.split(",")) {
            long start = System.nanoTime();
            switch (scenario.trim()) {
                case "kill" -> killAndRestart();
                case "fuzz" -> fuzzedInventory();
                case "canary" -> canary();
                case "control-plane" -> controlPlaneFaults();
                case "smtp-outage" -> smtpOutage();
                case "db-restart" -> databaseRestart();
                case "chat" -> new ChatChaos(this).faults();
                case "chat-kill" -> new ChatChaos(this).kills();
                case "pushgateway" -> new PushgatewayChaos(this).down();
                case "oidc" -> new PortalChaos(this).providerDown();
                case "tamper" -> new PortalChaos(this).tamperedWorkbook();
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
            figure(scenario.trim(), "scenario time", seconds(start));
        }
    }

    String summary() {
        StringBuilder table = new StringBuilder("| scenario | figure | value |\n|---|---|---|\n");
        for (String[] row : figures) {
            table.append("| ").append(row[0]).append(" | ").append(row[1]).append(" | ")
                    .append(row[2].replace("|", "\\|")).append(" |\n");
        }
        table.append("\n").append(problems.isEmpty() ? "All checks passed." : problems.size() + " problem(s):")
                .append('\n');
        problems.forEach(problem -> table.append("- ").append(problem).append('\n'));
        return table.toString();
    }

    // ---------------------------------------------------------------------------------------------- kill -9

    void killAndRestart() throws Exception {
        Path dir = work.resolve("kill");
        String[] args = {"--source=synthetic:" + mode.synthetic(), "--as-of=" + AS_OF};

        // a clean run of the same input, in a database of its own, with a mail server of its own
        GreenMail cleanSmtp = smtp();
        Map<String, List<String>> cleanMail;
        double cleanSeconds;
        double startupSeconds = 0;
        try {
            long start = System.nanoTime();
            Process clean = child.start(dir.resolve("clean-db"), dir.resolve("clean-reports"), port(cleanSmtp),
                    dir.resolve("clean.log"), List.of(), Map.of(), args);
            while (clean.isAlive() && System.nanoTime() - start < 900e9) {
                if (startupSeconds == 0 && Files.readString(dir.resolve("clean.log")).contains("Embedded PostgreSQL on port")) {
                    startupSeconds = (System.nanoTime() - start) / 1e9;
                }
                clean.waitFor(100, TimeUnit.MILLISECONDS);
            }
            int exit = await(clean, 1);
            cleanSeconds = (System.nanoTime() - start) / 1e9;
            check(exit == 0, "kill: the clean run exited " + exit + " (see " + dir.resolve("clean.log") + ")");
            cleanMail = mailByRecipient(cleanSmtp);
        } finally {
            cleanSmtp.stop();
        }
        figure("kill", "clean run", String.format(Locale.ROOT, "%s secrets, %.1f s (%.1f s to start), %d owner emails",
                mode.synthetic(), cleanSeconds, startupSeconds, cleanMail.size()));
        cleanMail.forEach((to, ids) -> check(ids.size() == 1, "kill: the clean run emailed " + to + " " + ids.size() + " times"));

        // the same run, killed at random points and restarted each time
        GreenMail smtp = smtp();
        int kills = 0;
        int attempts = 0;
        int failedAttempts = 0;
        List<String> killPoints = new ArrayList<>();
        // each kill lands at a random point of what is left of the run (start-up included): the work left
        // shrinks with every kill, so the later kills are spread over the later steps too
        double remaining = cleanSeconds - startupSeconds;
        Map<String, List<String>> chaosMail;
        try {
            boolean completed = false;
            while (!completed && attempts < mode.kills() + 10) {
                attempts++;
                Path log = dir.resolve("attempt-" + attempts + ".log");
                Process run = child.start(dir.resolve("db"), dir.resolve("reports"), port(smtp), log,
                        List.of("logging.level.org.springframework.batch.core.step.AbstractStep=DEBUG"), Map.of(), args);
                if (kills == 0) {
                    // the first kill lands inside the owner emails (sent by the queue step as it stores them), the
                    // window where a message can go out twice: at a random point of the time the clean run's emails
                    // take at ~300 a second
                    long deadline = System.nanoTime() + 600_000_000_000L;
                    while (run.isAlive() && System.nanoTime() < deadline
                            && !Files.readString(log).contains("Executing step: [queueOwnerRemindersStep]")) {
                        Thread.sleep(10);
                    }
                    double delay = random.nextDouble() * Math.max(0.05, cleanMail.size() / 300.0);
                    if (run.isAlive() && !run.waitFor((long) (delay * 1000), TimeUnit.MILLISECONDS)) {
                        run.destroyForcibly(); // SIGKILL
                        run.waitFor(60, TimeUnit.SECONDS);
                        kills++;
                        killPoints.add(String.format(Locale.ROOT, "%.2f s into queueOwnerRemindersStep (%d emails"
                                + " received so far)", delay, smtp.getReceivedMessages().length));
                        continue;
                    }
                } else if (kills < mode.kills()) {
                    // 0.85: a kill point past the end of the run would be no kill at all
                    double window = Math.min(mode.maxKillSeconds(), 0.85 * (startupSeconds + remaining));
                    double delay = 0.5 + random.nextDouble() * Math.max(0.5, window - 0.5);
                    if (!run.waitFor((long) (delay * 1000), TimeUnit.MILLISECONDS)) {
                        String phase = phase(log);
                        run.destroyForcibly(); // SIGKILL
                        run.waitFor(60, TimeUnit.SECONDS);
                        kills++;
                        remaining = Math.max(1.0, remaining - Math.max(0, delay - startupSeconds) * 0.8);
                        killPoints.add(String.format(Locale.ROOT, "%.1f s (%s)", delay, phase));
                        continue;
                    }
                }
                int exit = await(run, 900);
                if (exit == 0) {
                    completed = true;
                } else {
                    failedAttempts++;
                    problems.add("kill: attempt " + attempts + " exited " + exit + " (see " + log + ")");
                }
            }
            check(completed, "kill: the run never completed after " + attempts + " attempts");
            chaosMail = mailByRecipient(smtp);
        } finally {
            smtp.stop();
        }
        figure("kill", "kills (SIGKILL) / restarts / failed attempts", kills + " / " + (attempts - 1) + " / " + failedAttempts);
        // the full mode must land every kill; a shorter one (CI, a busy machine) at least one
        check(mode.name().equals("full") ? kills == mode.kills() : kills > 0, "kill: " + kills + " of " + mode.kills()
                + " kills landed: the run finished before the others (the clean run was slower than this one)");
        figure("kill", "kill points (after start, phase)", String.join("; ", killPoints));
        check(!killPoints.isEmpty() && killPoints.get(0).contains("queueOwnerRemindersStep"),
                "kill: the first kill did not land inside the owner emails");

        // findings: those of the clean run
        List<String> cleanFindings = inDatabase(dir.resolve("clean-db"), jdbc -> findings(jdbc));
        record Chaos(List<String> findings, List<String> runs) {
        }
        Chaos chaos = inDatabase(dir.resolve("db"), jdbc -> new Chaos(findings(jdbc),
                jdbc.sql("SELECT id || ':' || status FROM audit_run ORDER BY id").query(String.class).list()));
        figure("kill", "audit runs in the killed database", String.join(", ", chaos.runs()));
        figure("kill", "findings (secret, rule, status): clean / killed+restarted",
                cleanFindings.size() + " / " + chaos.findings().size());
        check(!cleanFindings.isEmpty(), "kill: the clean run has no findings");
        if (!cleanFindings.equals(chaos.findings())) {
            Set<String> missing = new TreeSet<>(cleanFindings);
            chaos.findings().forEach(missing::remove);
            Set<String> extra = new TreeSet<>(chaos.findings());
            cleanFindings.forEach(extra::remove);
            problems.add("kill: findings differ from the clean run: " + missing.size() + " missing "
                    + first(missing) + ", " + extra.size() + " extra " + first(extra)
                    + ", " + (chaos.findings().size() - new HashSet<>(chaos.findings()).size()) + " duplicated");
        }

        // emails: each owner once; at most one in-flight duplicate per kill, under the same Message-ID
        Set<String> missing = new TreeSet<>(cleanMail.keySet());
        missing.removeAll(chaosMail.keySet());
        Set<String> unexpected = new TreeSet<>(chaosMail.keySet());
        unexpected.removeAll(cleanMail.keySet());
        int received = chaosMail.values().stream().mapToInt(List::size).sum();
        int duplicates = received - chaosMail.size();
        long sameId = chaosMail.values().stream().filter(ids -> ids.size() > 1)
                .filter(ids -> new HashSet<>(ids).size() == 1).count();
        long twice = chaosMail.values().stream().filter(ids -> ids.size() > 1).count();
        figure("kill", "owner emails: clean / received / distinct recipients",
                cleanMail.size() + " / " + received + " / " + chaosMail.size());
        figure("kill", "duplicates (same Message-ID) / missing / unexpected",
                duplicates + " (" + sameId + " of " + twice + ") / " + missing.size() + " / " + unexpected.size());
        check(missing.isEmpty(), "kill: owners never emailed: " + first(missing));
        check(unexpected.isEmpty(), "kill: emails to owners the clean run did not email: " + first(unexpected));
        check(duplicates <= kills, "kill: " + duplicates + " duplicate emails for " + kills + " kills");
        check(sameId == twice, "kill: an owner got two different messages (different Message-IDs)");
        chaosMail.forEach((to, ids) -> check(ids.size() <= 2, "kill: " + to + " received " + ids.size() + " emails"));
    }

    /** What the child was doing when it was killed, from its log (Spring Batch's "Executing step" lines). */
    static String phase(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log) : "";
        String current = null;
        int at = -1;
        for (String step : STEPS) {
            int executing = text.lastIndexOf("Executing step: [" + step + "]");
            if (executing > at) {
                at = executing;
                current = step;
            }
        }
        if (current == null) {
            return text.contains("Embedded PostgreSQL on port") ? "start-up, database up" : "start-up";
        }
        return text.contains(current + " COMPLETED") ? "after " + current : current;
    }

    // ---------------------------------------------------------------------------------------- fuzzed inventory

    static final String[] NAME_PREFIXES = {"fuzz", "=HYPERLINK(\"http://evil.example\",\"click\")", "+1", "-1",
            "@SUM(A1:A9)", "\tTAB", "\rCR", "ünïcödé-秘密-🔑", "<script>alert(1)</script>", "../../etc/passwd",
            "nul\u0000byte", "ctl\u0001\u001b[31m", "rtl\u202Eevil", "=cmd|' /C calc'!A0"};
    static final java.util.regex.Pattern USABLE_ADDRESS =
            java.util.regex.Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");
    static final String INJECTION = "a@b.com\r\nBcc: spy@evil.example";

    void fuzzedInventory() throws Exception {
        Path dir = work.resolve("fuzz");
        Files.createDirectories(dir);
        int n = mode.fuzzRecords();
        List<Object> records = new ArrayList<>();
        Set<Integer> expectMalformed = new HashSet<>();
        Set<Integer> expectBad = new HashSet<>();
        Set<String> validOwners = new TreeSet<>();
        Map<String, Integer> isolationCases = new TreeMap<>();
        boolean ownerTypos = Boolean.parseBoolean(System.getProperty("chaos.fuzz.owner-typos", "true"));
        String huge = "H".repeat(100 * 1024);
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(100);
            if (kind < 5) {
                expectMalformed.add(i);
                Object[] junk = {42, "just a string", List.of(1, 2), null, Map.of("type", "token"), Map.of("name", 7),
                        Map.of("name", ""), Map.of("name", Map.of("x", 1)), true, 3.14};
                records.add(junk[random.nextInt(junk.length)]);
                continue;
            }
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("name", NAME_PREFIXES[random.nextInt(NAME_PREFIXES.length)] + "-" + i);
            String[] types = {"token", "api_key", "credentials", "url", "env_var", "certificate", "API Key"};
            String type = types[random.nextInt(types.length)];
            record.put("type", type);
            record.put("scope", random.nextBoolean() ? "org" : "user");
            record.put("integration", random.nextBoolean() ? "github" : "aws");
            record.put("created_at", "2026-" + two(1 + random.nextInt(10)) + "-" + two(1 + random.nextInt(28)) + "T10:00:00Z");
            String owner = "owner" + random.nextInt(40) + "@fuzz.example";
            record.put("created_by", owner);
            if (random.nextBoolean()) {
                record.put("last_used", "2026-11-" + two(1 + random.nextInt(25)));
            }
            if (type.equals("certificate")) {
                record.put("expires_at", "2027-0" + (1 + random.nextInt(9)) + "-01T00:00:00Z");
            }
            int mutations = random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                mutate(record, random.nextInt(26), huge);
            }
            Object element = record;
            IsolationFuzz.Expect expect = IsolationFuzz.Expect.ORACLE;
            if (kind < 15) { // issue 12: dates, sizes, parser limits and owner typos stay with their record
                IsolationFuzz.Case isolation = IsolationFuzz.apply(random, record);
                if (isolation.expect() == IsolationFuzz.Expect.ANY && !ownerTypos) {
                    record.put("created_by", owner);
                } else {
                    isolationCases.merge(isolation.name(), 1, Integer::sum);
                    element = isolation.element();
                    expect = isolation.expect();
                }
            }
            switch (expect) {
                case MALFORMED -> expectMalformed.add(i);
                case METADATA -> expectBad.add(i);
                case ANY -> { } // owner typos: METADATA or not depends on the address parser; see the recipients below
                case ORACLE -> {
                    if (isBad(record)) {
                        expectBad.add(i);
                    }
                }
            }
            if (element == record && record.get("created_by") instanceof String address && isValidOwner(address)) {
                validOwners.add(address);
            }
            records.add(element);
        }
        Path file = dir.resolve("inventory.json");
        try (java.io.Writer out = Files.newBufferedWriter(file)) {
            out.write('[');
            for (int i = 0; i < records.size(); i++) {
                out.write(i == 0 ? "" : ",\n");
                out.write(records.get(i) instanceof IsolationFuzz.Raw raw ? raw.json() : JSON.writeValueAsString(records.get(i)));
            }
            out.write(']');
        }
        figure("fuzz", "records / expected malformed / expected METADATA / file size",
                n + " / " + expectMalformed.size() + " / " + expectBad.size() + " / " + Files.size(file) / 1024 + " KB");
        figure("fuzz", "records for issue 12 (a record is isolated), by case", isolationCases.toString());

        GreenMail smtp = smtp();
        List<String> recipients;
        List<MimeMessage> messages;
        int exit;
        try {
            Process run = child.start(dir.resolve("db"), dir.resolve("reports"), port(smtp), dir.resolve("run.log"),
                    List.of(), Map.of(), "--source=file:" + file, "--as-of=" + AS_OF);
            exit = await(run, 900);
            recipients = smtp.getUserManager().listUser().stream().map(GreenMailUser::getEmail).sorted().toList();
            messages = List.of(smtp.getReceivedMessages());
        } finally {
            smtp.stop();
        }
        figure("fuzz", "exit code", String.valueOf(exit));
        check(exit == 0, "fuzz: the run exited " + exit + " (see " + dir.resolve("run.log") + ")");
        if (exit != 0) {
            return;
        }

        record Stored(Map<Long, String> inventory, Set<Long> malformed, Set<String> metadata) {
        }
        Stored stored = inDatabase(dir.resolve("db"), jdbc -> {
            Map<Long, String> inventory = new TreeMap<>();
            jdbc.sql("SELECT position, name FROM run_secret").query((rs, row) -> inventory.put(rs.getLong(1), rs.getString(2))).list();
            Set<Long> malformed = new TreeSet<>(jdbc.sql("SELECT position FROM malformed_record").query(Long.class).list());
            Set<String> metadata = new HashSet<>(jdbc.sql("SELECT secret FROM finding WHERE rule = 'METADATA'")
                    .query(String.class).list());
            return new Stored(inventory, malformed, metadata);
        });
        long base = Stream.concat(stored.inventory().keySet().stream(), stored.malformed().stream())
                .mapToLong(Long::longValue).min().orElse(0);
        int unaccounted = 0;
        int badWithoutMetadata = 0;
        int malformedMismatch = 0;
        List<String> examples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long position = base + i;
            boolean inInventory = stored.inventory().containsKey(position);
            boolean malformed = stored.malformed().contains(position);
            if (inInventory == malformed) {
                unaccounted++;
                examples.add("#" + i + (inInventory ? " both inventory and malformed" : " neither inventory nor malformed"));
            }
            if (expectMalformed.contains(i) && !malformed) {
                malformedMismatch++;
                examples.add("#" + i + " (" + describe(records.get(i)) + ") is not listed as malformed");
            }
            if (expectBad.contains(i) && !malformed && !stored.metadata().contains(stored.inventory().get(position))) {
                badWithoutMetadata++;
                examples.add("#" + i + " (" + describe(records.get(i)) + ") has no METADATA finding");
            }
        }
        figure("fuzz", "inventory rows / malformed rows / METADATA findings",
                stored.inventory().size() + " / " + stored.malformed().size() + " / " + stored.metadata().size());
        figure("fuzz", "records unaccounted / bad without METADATA / junk not malformed",
                unaccounted + " / " + badWithoutMetadata + " / " + malformedMismatch);
        check(unaccounted == 0 && badWithoutMetadata == 0 && malformedMismatch == 0,
                "fuzz: records not accounted for: " + examples.stream().limit(12).toList());

        // workbooks: no formula cells; text a spreadsheet would evaluate is quote-prefixed
        List<Path> workbooks = files(dir.resolve("reports"), ".xlsx");
        int[] counts = new int[3]; // cells, formulas, unquoted
        for (Path workbook : workbooks) {
            try (InputStream in = Files.newInputStream(workbook)) {
                scanCells(in, counts);
            }
        }
        int attachments = 0;
        for (MimeMessage message : messages) {
            for (byte[] xlsx : attachments(message)) {
                attachments++;
                scanCells(new ByteArrayInputStream(xlsx), counts);
            }
        }
        figure("fuzz", "workbooks opened with POI (auditor / owner attachments) / cells",
                workbooks.size() + " / " + attachments + " / " + counts[0]);
        figure("fuzz", "formula cells / dangerous text not quote-prefixed", counts[1] + " / " + counts[2]);
        check(!workbooks.isEmpty(), "fuzz: no auditor workbook was written");
        check(counts[1] == 0, "fuzz: " + counts[1] + " formula cells in the workbooks");
        check(counts[2] == 0, "fuzz: " + counts[2] + " cells starting with = + - @ tab or CR are not quote-prefixed");

        // email: only valid owners of the inventory, never an injected Bcc
        List<String> strangers = recipients.stream().filter(to -> !validOwners.contains(to)).toList();
        figure("fuzz", "emails / recipients / recipients not a valid owner of the inventory",
                messages.size() + " / " + recipients.size() + " / " + strangers.size());
        check(strangers.isEmpty(), "fuzz: email delivered to " + strangers);
        check(!recipients.isEmpty(), "fuzz: nobody was emailed");
    }

    /**
     * A recipient the run may mail: the rule of docs/email.md#owner-addresses (one @, a non-empty local part, a dotted domain, no spaces or
     * controls), no longer than SMTP allows (254 characters), and none of the typos that only look like one.
     */
    static boolean isValidOwner(String address) {
        return USABLE_ADDRESS.matcher(address).matches() && address.codePointCount(0, address.length()) <= 254
                && !IsolationFuzz.OWNER_TYPOS.contains(address);
    }

    /** Whether docs/input.md#bad-input asks for a METADATA finding on this (named) record, judged from what was written. */
    static boolean isBad(Map<String, Object> record) {
        if (!(record.get("created_at") instanceof String created) || !created.matches("\\d{4}-\\d{2}-\\d{2}T.*Z")) {
            return true;
        }
        if (!(record.get("created_by") instanceof String owner) || !isValidOwner(owner)) {
            return true;
        }
        if (IsolationFuzz.hasBadDate(record, java.time.Instant.parse(AS_OF + "T00:00:00Z"))) {
            return true;
        }
        if (!(record.get("type") instanceof String type)) {
            return true;
        }
        String normalised = type.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        if (!Set.of("token", "api_key", "credentials", "url", "env_var", "certificate").contains(normalised)) {
            return true;
        }
        if (normalised.equals("certificate") && !(record.get("expires_at") instanceof String)) {
            return true;
        }
        return Stream.of("last_used", "scope", "integration")
                .anyMatch(field -> record.containsKey(field) && !(record.get(field) instanceof String));
    }

    /** Applies one mutation: cases 0-17 make the metadata bad, the rest leave it valid but nasty. */
    private void mutate(Map<String, Object> record, int which, String huge) {
        switch (which) {
            case 0 -> record.remove("created_at");
            case 1 -> record.put("created_at", 1_700_000_000);
            case 2 -> record.put("created_at", "not a date");
            case 3 -> record.put("created_at", Map.of("$date", "2026-01-01"));
            case 4 -> record.remove("created_by");
            case 5 -> record.put("created_by", 7);
            case 6 -> record.put("created_by", "not-an-email");
            case 7 -> record.put("created_by", INJECTION);
            case 8 -> record.put("created_by", "ctl\u0007bell@fuzz.example");
            case 9 -> record.put("created_by", huge + "@fuzz.example"); // longer than SMTP allows: a finding due
            case 10 -> record.remove("type");
            case 11 -> record.put("type", 3);
            case 12 -> record.put("type", "weird-type");
            case 13 -> {
                record.put("type", "certificate");
                record.remove("expires_at");
            }
            case 14 -> record.put("last_used", 99);
            case 15 -> record.put("scope", 5);
            case 16 -> record.put("integration", List.of(1, 2));
            case 17 -> record.put("created_by", List.of("a@b.example"));
            // the rest leave the metadata valid
            case 18 -> record.put("description", huge);
            case 19 -> record.put("description", "ctl \u0000 \u0001 \u001f \u007f and =1+1 and <b>bold</b>");
            case 20 -> record.put("value", "not-a-real-secret-" + which);
            case 21 -> record.put("extra", Map.of("deep", List.of(Map.of("x", List.of(1, 2)), "s")));
            case 22 -> record.put("scope", "=HYPERLINK(\"http://evil.example\",\"x\")");
            case 23 -> record.put("integration", "@SUM(1+1)");
            case 24 -> record.put("description", "unicode 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \uD83D\uDD11 עברית");
            default -> record.put("tags", List.of("+1", "-1", INJECTION));
        }
    }

    private static String describe(Object record) {
        String text = String.valueOf(record);
        text = text.replaceAll("\\p{Cntrl}", "?");
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    private static void scanCells(InputStream in, int[] counts) throws IOException {
        DataFormatter formatter = new DataFormatter();
        try (Workbook workbook = new XSSFWorkbook(in)) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        counts[0]++;
                        if (cell.getCellType() == CellType.FORMULA) {
                            counts[1]++;
                        } else if (cell.getCellType() == CellType.STRING) {
                            String text = formatter.formatCellValue(cell);
                            if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0
                                    && !cell.getCellStyle().getQuotePrefixed()) {
                                counts[2]++;
                            }
                        }
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ canary

    void canary() throws Exception {
        Path dir = work.resolve("canary");
        Files.createDirectories(dir);
        String canary = "chaos-canary-" + UUID.randomUUID();
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("name", "canary-secret-" + i);
            record.put("type", i % 10 == 0 ? "certificate" : "token");
            record.put("created_at", "2026-0" + (1 + i % 9) + "-15T00:00:00Z");
            record.put("created_by", "owner" + i % 25 + "@canary.example");
            record.put("value", canary);
            record.put("secret_value", canary);
            record.put("data", Map.of("value", canary, "nested", List.of(canary)));
            records.add(record);
        }
        Path file = dir.resolve("inventory.json");
        JSON.writeValue(file.toFile(), records);
        searchForCanary("file", canary, dir.resolve("file"), List.of(), Map.of(), "--source=file:" + file);

        // the same records from a Control Plane, certificates without expires_at, values read (inspect-values on):
        // each value endpoint answers the canary, bare or dressed as a PEM that does not parse
        com.github.tomakehurst.wiremock.WireMockServer server = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort());
        server.start();
        try {
            server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get("/api/v1/secrets")
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(JSON.writeValueAsString(records))));
            server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                            com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/api/v1/secrets/value/.*0"))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(JSON.writeValueAsString(Map.of(
                            "value", "-----BEGIN CERTIFICATE-----\n" + canary + "\n-----END CERTIFICATE-----\n")))));
            server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                            com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/api/v1/secrets/value/.*[1-9]0"))
                    .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                            JSON.writeValueAsString(Map.of("value", canary)))));
            searchForCanary("control-plane", canary, dir.resolve("control-plane"),
                    List.of("kubiya.base-url=" + server.baseUrl(), "audit.certificates.inspect-values=true"),
                    Map.of("KUBIYA_API_KEY", "chaos-api-key"), "--source=control-plane");
            int values = server.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/api/v1/secrets/value/.*"))).size();
            figure("canary", "control-plane: certificate values served (all the canary)", String.valueOf(values));
            check(values > 0, "canary: no certificate value was requested from the Control Plane");
        } finally {
            server.stop();
        }
    }

    private void searchForCanary(String variant, String canary, Path dir, List<String> properties,
            Map<String, String> environment, String source) throws Exception {
        GreenMail smtp = smtp();
        List<MimeMessage> messages;
        int exit;
        Path log = dir.resolve("run.log");
        List<String> all = new ArrayList<>(properties);
        all.addAll(List.of("logging.level.ai.kubiya=DEBUG", "audit.mail.auditors=auditor@canary.example"));
        try {
            Process run = child.start(dir.resolve("db"), dir.resolve("reports"), port(smtp), log, all, environment,
                    source, "--as-of=" + AS_OF);
            exit = await(run, 300);
            messages = List.of(smtp.getReceivedMessages());
        } finally {
            smtp.stop();
        }
        check(exit == 0, "canary: the " + variant + " run exited " + exit + " (see " + log + ")");
        Map<String, Integer> hits = new LinkedHashMap<>();
        hits.put("child log (stdout+stderr, DEBUG)", count(Files.readString(log), canary));
        hits.put("database dump (every row of every table, bytea decoded)",
                inDatabase(dir.resolve("db"), jdbc -> count(DatabaseDump.allText(jdbc), canary)));
        int workbookHits = 0;
        int reportFiles = 0;
        for (Path path : files(dir.resolve("reports"), "")) {
            reportFiles++;
            byte[] bytes = Files.readAllBytes(path);
            workbookHits += count(new String(bytes, StandardCharsets.ISO_8859_1), canary);
            if (path.toString().endsWith(".xlsx")) {
                workbookHits += count(unzippedText(bytes), canary) + count(cellText(bytes), canary);
            }
        }
        hits.put("reports dir (" + reportFiles + " files; xlsx unzipped and read with POI)", workbookHits);
        int mailHits = 0;
        int attachments = 0;
        for (MimeMessage message : messages) {
            mailHits += count(GreenMailUtil.getWholeMessage(message), canary);
            for (byte[] xlsx : attachments(message)) {
                attachments++;
                mailHits += count(unzippedText(xlsx), canary) + count(cellText(xlsx), canary);
            }
        }
        hits.put("emails (" + messages.size() + " raw MIME, " + attachments + " attachments unzipped/POI)", mailHits);
        hits.forEach((where, count) -> {
            figure("canary", variant + ": hits in " + where, String.valueOf(count));
            check(count == 0, "canary: the planted value was found " + count + " time(s) in the " + variant + " run's " + where);
        });
        check(!messages.isEmpty(), "canary: the " + variant + " run sent no email, so none was searched");
    }

    // ------------------------------------------------------------------------------- Control Plane faults

    /**
     * The Control Plane (WireMock) answering 429, 5xx, resets and timeouts at random, and cutting a body off
     * mid-way, a few times in a row, but never more than the client's attempts: each cut-off body fails a run,
     * the next run resumes it, and the last one completes with the findings of a clean run of the same records.
     */
    void controlPlaneFaults() throws Exception {
        Path dir = work.resolve("control-plane");
        Files.createDirectories(dir);
        int n = mode.controlPlaneRecords();
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("name", "cp-secret-" + i);
            String type = List.of("token", "api_key", "credentials", "url", "env_var", "certificate").get(i % 6);
            record.put("type", type);
            record.put("scope", i % 2 == 0 ? "org" : "user");
            record.put("created_at", "2026-" + two(1 + i % 10) + "-" + two(1 + i % 28) + "T00:00:00Z");
            record.put("created_by", "owner" + i % 97 + "@cp.example");
            if (i % 3 == 0) {
                record.put("last_used", "2026-" + two(1 + i % 11) + "-10");
            }
            if (type.equals("certificate")) {
                record.put("expires_at", "2026-12-" + two(1 + i % 28) + "T00:00:00Z");
            }
            records.add(record);
        }
        String body = JSON.writeValueAsString(records);
        Path file = dir.resolve("inventory.json");
        Files.writeString(file, body);
        Process clean = child.start(dir.resolve("clean-db"), dir.resolve("clean-reports"), null,
                dir.resolve("clean.log"), List.of(), Map.of(), "--source=file:" + file, "--as-of=" + AS_OF);
        check(await(clean, 600) == 0, "control-plane: the clean run failed (see " + dir.resolve("clean.log") + ")");

        // the fault plan: rounds of up to 3 retryable faults, each round ending in a cut-off body, then the whole one
        int rounds = mode.controlPlaneRounds();
        List<String> plan = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            int faults = random.nextInt(4);
            for (int f = 0; f < faults; f++) {
                plan.add(List.of("429", "500", "502", "503", "504", "reset", "timeout").get(random.nextInt(7)));
            }
            plan.add(round < rounds - 1 ? "cut-off" : "ok");
        }
        com.github.tomakehurst.wiremock.WireMockServer server = new com.github.tomakehurst.wiremock.WireMockServer(
                com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort());
        server.start();
        int runs = 0;
        int failedRuns = 0;
        boolean completed = false;
        try {
            for (int step = 0; step < plan.size(); step++) {
                String state = step == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED : "step-" + step;
                var response = switch (plan.get(step)) {
                    case "429" -> com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(429)
                            .withHeader("Retry-After", "1");
                    case "reset" -> com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                            .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER);
                    case "timeout" -> com.github.tomakehurst.wiremock.client.WireMock.okJson(body).withFixedDelay(2_500);
                    case "cut-off" -> com.github.tomakehurst.wiremock.client.WireMock.okJson(
                            body.substring(0, body.length() / 3 + random.nextInt(body.length() / 2)));
                    case "ok" -> com.github.tomakehurst.wiremock.client.WireMock.okJson(body);
                    default -> com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                            .withStatus(Integer.parseInt(plan.get(step)));
                };
                var stub = com.github.tomakehurst.wiremock.client.WireMock.get("/api/v1/secrets")
                        .inScenario("faults").whenScenarioStateIs(state).willReturn(response);
                if (step < plan.size() - 1) {
                    stub = stub.willSetStateTo("step-" + (step + 1));
                }
                server.stubFor(stub);
            }
            List<String> properties = List.of("kubiya.base-url=" + server.baseUrl(), "kubiya.read-timeout=1s",
                    "kubiya.initial-backoff=100ms", "kubiya.max-backoff=1s", "kubiya.max-attempts=5");
            while (!completed && runs < rounds + 3) {
                runs++;
                Process run = child.start(dir.resolve("db"), dir.resolve("reports"), null,
                        dir.resolve("run-" + runs + ".log"), properties, Map.of("KUBIYA_API_KEY", "chaos-api-key"),
                        "--source=control-plane", "--as-of=" + AS_OF);
                int exit = await(run, 600);
                completed = exit == 0;
                if (!completed) {
                    failedRuns++;
                }
            }
            figure("control-plane", "fault plan (one list request each)", String.join(", ", plan));
            figure("control-plane", "list requests served", String.valueOf(server.getAllServeEvents().size()));
        } finally {
            server.stop();
        }
        figure("control-plane", "runs / failed (cut-off body) / completed", runs + " / " + failedRuns + " / " + completed);
        check(completed, "control-plane: no run completed");
        check(failedRuns == rounds - 1, "control-plane: " + failedRuns + " failed runs for " + (rounds - 1)
                + " cut-off bodies (a retryable fault was not retried?)");
        List<String> cleanFindings = inDatabase(dir.resolve("clean-db"), jdbc -> findings(jdbc));
        List<String> findings = inDatabase(dir.resolve("db"), jdbc -> findings(jdbc));
        figure("control-plane", "secrets / findings: clean (file) / faulty Control Plane",
                n + " / " + cleanFindings.size() + " / " + findings.size());
        check(!cleanFindings.isEmpty() && cleanFindings.equals(findings),
                "control-plane: findings differ from the clean run");
    }

    // ---------------------------------------------------------------------------------------------- SMTP outage

    /**
     * The SMTP server goes away in the middle of a run's owner emails (connections dropped, then refused): the
     * run still completes, and the next run, the server back, delivers what was left. Every queued owner email
     * arrives; at most the one in flight at the cut arrives twice, under the same Message-ID.
     */
    void smtpOutage() throws Exception {
        Path dir = work.resolve("smtp-outage");
        int n = mode.controlPlaneRecords();
        String[] args = {"--source=synthetic:" + n, "--as-of=" + AS_OF};
        GreenMail smtp = smtp();
        long cutAfter = (long) ((0.1 + 0.6 * random.nextDouble()) * Math.max(1, n / 100) * 33_000); // ~33 KB an email
        int runs = 0;
        List<Integer> exits = new ArrayList<>();
        boolean cut;
        Map<String, List<String>> received;
        try (CuttableProxy proxy = new CuttableProxy(port(smtp), cutAfter)) {
            runs++;
            Process first = child.start(dir.resolve("db"), dir.resolve("reports"), proxy.port(), dir.resolve("run-1.log"),
                    List.of(), Map.of(), args);
            exits.add(await(first, 600));
            cut = proxy.wasCut();
            int beforeReopen = smtp.getReceivedMessages().length;
            figure("smtp-outage", "SMTP cut after (bytes) / emails accepted before the cut",
                    cutAfter + " / " + beforeReopen);
            proxy.reopen();
            while (runs < 4) {
                long left = inDatabase(dir.resolve("db"), jdbc -> jdbc.sql(
                        "SELECT count(*) FROM mail_outbox WHERE state IN ('PENDING', 'FAILED_TEMPORARY')")
                        .query(Long.class).single());
                if (left == 0) {
                    break;
                }
                runs++;
                Process next = child.start(dir.resolve("db"), dir.resolve("reports"), proxy.port(),
                        dir.resolve("run-" + runs + ".log"), List.of(), Map.of(), args);
                exits.add(await(next, 600));
            }
            received = mailByRecipient(smtp);
        } finally {
            smtp.stop();
        }
        record Outbox(List<String> owners, List<String> states) {
        }
        Outbox outbox = inDatabase(dir.resolve("db"), jdbc -> new Outbox(
                jdbc.sql("SELECT recipient FROM mail_outbox WHERE kind = 'OWNER_REMINDER' ORDER BY 1").query(String.class).list(),
                jdbc.sql("SELECT state || ' x' || count(*) FROM mail_outbox GROUP BY state ORDER BY 1").query(String.class).list()));
        int total = received.values().stream().mapToInt(List::size).sum();
        int duplicates = total - received.size();
        Set<String> missing = new TreeSet<>(outbox.owners());
        missing.removeAll(received.keySet());
        figure("smtp-outage", "runs (exit codes) / outage happened", runs + " " + exits + " / " + cut);
        figure("smtp-outage", "owner emails queued / received / duplicates (same Message-ID) / missing",
                outbox.owners().size() + " / " + total + " / " + duplicates + " / " + missing.size());
        figure("smtp-outage", "outbox states at the end", String.join(", ", outbox.states()));
        check(cut, "smtp-outage: the SMTP connection was never cut (cut point past the last email?)");
        check(exits.stream().allMatch(exit -> exit == 0), "smtp-outage: a run did not exit 0: " + exits);
        check(missing.isEmpty(), "smtp-outage: owners never emailed: " + first(missing));
        check(duplicates <= 1, "smtp-outage: " + duplicates + " duplicate emails");
        received.forEach((to, ids) -> check(new HashSet<>(ids).size() == 1, "smtp-outage: " + to + " got different messages"));
    }

    // ---------------------------------------------------------------------------------------- database restart

    /**
     * PostgreSQL (a server of its own, as in production: the child reaches it by SPRING_DATASOURCE_URL) stopped
     * in the middle of a run and started again: the run fails, the next run resumes it, and it completes with
     * the findings of a clean run of the same input.
     */
    void databaseRestart() throws Exception {
        Path dir = work.resolve("db-restart");
        Files.createDirectories(dir);
        int n = mode.controlPlaneRecords();
        String[] args = {"--source=synthetic:" + n, "--as-of=" + AS_OF};
        Process clean = child.start(dir.resolve("clean-db"), dir.resolve("clean-reports"), null, dir.resolve("clean.log"),
                List.of(), Map.of(), args);
        check(await(clean, 600) == 0, "db-restart: the clean run failed (see " + dir.resolve("clean.log") + ")");

        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path data = dir.resolve("pg");
        Map<String, String> environment = Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:" + port + "/postgres",
                "SPRING_DATASOURCE_USERNAME", "postgres", "SPRING_DATASOURCE_PASSWORD", "");
        List<String> properties = List.of("logging.level.org.springframework.batch.core.step.AbstractStep=DEBUG");
        EmbeddedPostgres server = postgres(data, port);
        List<Integer> exits = new ArrayList<>();
        String stoppedIn = "";
        double downSeconds = 0;
        try {
            Path log = dir.resolve("run-1.log");
            Process run = child.start(dir.resolve("unused-db"), dir.resolve("reports"), null, log, properties, environment, args);
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (run.isAlive() && System.nanoTime() < deadline
                    && !(Files.exists(log) && Files.readString(log).contains("Executing step: ["))) {
                Thread.sleep(50);
            }
            Thread.sleep((long) (random.nextDouble() * 1500));
            stoppedIn = run.isAlive() ? phase(log) : "(the run had ended)";
            long down = System.nanoTime();
            server.close(); // pg_ctl stop -m fast: every session is cut
            Thread.sleep(1000 + random.nextInt(2000));
            server = postgres(data, port);
            downSeconds = (System.nanoTime() - down) / 1e9;
            exits.add(await(run, 300));
            while (exits.get(exits.size() - 1) != 0 && exits.size() < 4) {
                Process next = child.start(dir.resolve("unused-db"), dir.resolve("reports"), null,
                        dir.resolve("run-" + (exits.size() + 1) + ".log"), properties, environment, args);
                exits.add(await(next, 600));
            }
            JdbcClient jdbc = JdbcClient.create(server.getPostgresDatabase());
            List<String> findings = findings(jdbc);
            List<String> runs = jdbc.sql("SELECT id || ':' || status FROM audit_run ORDER BY id").query(String.class).list();
            List<String> cleanFindings = inDatabase(dir.resolve("clean-db"), ChaosSuite::findings);
            figure("db-restart", "PostgreSQL stopped in / down for", String.format(Locale.ROOT, "%s / %.1f s", stoppedIn, downSeconds));
            figure("db-restart", "runs (exit codes) / audit runs", exits + " / " + String.join(", ", runs));
            figure("db-restart", "secrets / findings: clean / restarted", n + " / " + cleanFindings.size() + " / " + findings.size());
            check(exits.get(exits.size() - 1) == 0, "db-restart: no run completed: " + exits);
            check(!cleanFindings.isEmpty() && cleanFindings.equals(findings), "db-restart: findings differ from the clean run");
        } finally {
            server.close();
        }
    }

    private static EmbeddedPostgres postgres(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    // ---------------------------------------------------------------------------------------------- support

    private static String unzippedText(byte[] zip) throws IOException {
        StringBuilder text = new StringBuilder();
        Path file = Files.createTempFile("chaos", ".zip");
        try {
            Files.write(file, zip);
            try (java.util.zip.ZipFile archive = new java.util.zip.ZipFile(file.toFile())) {
                for (ZipEntry entry : java.util.Collections.list(archive.entries())) {
                    try (InputStream in = archive.getInputStream(entry)) {
                        text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
                    }
                }
            }
        } finally {
            Files.deleteIfExists(file);
        }
        return text.toString();
    }

    private static String cellText(byte[] xlsx) throws IOException {
        StringBuilder text = new StringBuilder();
        DataFormatter formatter = new DataFormatter();
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : workbook) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        text.append(formatter.formatCellValue(cell)).append('\n');
                    }
                }
            }
        }
        return text.toString();
    }

    private static List<byte[]> attachments(MimeMessage message) throws Exception {
        List<byte[]> found = new ArrayList<>();
        if (message.getContent() instanceof Multipart multipart) {
            collect(multipart, found);
        }
        return found;
    }

    private static void collect(Multipart multipart, List<byte[]> found) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            Object content = part.getContent();
            if (content instanceof Multipart nested) {
                collect(nested, found);
            } else if (part.getFileName() != null && part.getFileName().endsWith(".xlsx")) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (InputStream in = part.getInputStream()) {
                    in.transferTo(bytes);
                }
                found.add(bytes.toByteArray());
            }
        }
    }

    private static List<String> findings(JdbcClient jdbc) {
        Long run = jdbc.sql("SELECT min(id) FROM audit_run WHERE status = 'COMPLETED'").query(Long.class).single();
        return jdbc.sql("SELECT secret || '|' || rule || '|' || status FROM finding WHERE run_id = ? ORDER BY 1")
                .param(run == null ? -1 : run).query(String.class).list();
    }

    /** Opens a data directory the child left (its server is stopped) and queries it, as its superuser. */
    static <T> T inDatabase(Path dataDir, Function<JdbcClient, T> query) throws IOException {
        java.util.Properties passwords = new java.util.Properties(); // generated by the child's first start
        try (InputStream in = Files.newInputStream(dataDir.resolve("passwords.properties"))) {
            passwords.load(in);
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir)
                .setCleanDataDirectory(false).setConnectConfig("password", passwords.getProperty("postgres")).start()) {
            return query.apply(JdbcClient.create(postgres.getPostgresDatabase()));
        }
    }

    private static Map<String, List<String>> mailByRecipient(GreenMail smtp) throws Exception {
        Map<String, List<String>> byRecipient = new TreeMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            String to = message.getRecipients(MimeMessage.RecipientType.TO)[0].toString();
            byRecipient.computeIfAbsent(to, key -> new ArrayList<>()).add(message.getMessageID());
        }
        return byRecipient;
    }

    private static GreenMail smtp() {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        return smtp;
    }

    private static int port(GreenMail smtp) {
        return smtp.getSmtp().getPort();
    }

    static int await(Process process, int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return -1;
        }
        return process.exitValue();
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(path -> path.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    private static String first(Set<String> values) {
        return values.stream().limit(3).collect(Collectors.joining(", ", "[", values.size() > 3 ? ", …]" : "]"));
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : String.valueOf(value);
    }

    private static String seconds(long start) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9);
    }

    void figure(String scenario, String name, String value) {
        figures.add(new String[] {scenario, name, value});
        System.out.println("[chaos] " + scenario + ": " + name + ": " + value);
    }

    void check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
