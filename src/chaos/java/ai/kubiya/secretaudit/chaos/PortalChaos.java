package ai.kubiya.secretaudit.chaos;

import ai.kubiya.secretaudit.support.PortalClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The portal ({@code serve}) and the evidence under chaos: {@code oidc} takes the OpenID Connect provider away in the
 * middle of a sign-in (and, beyond the CI mode, at start-up); {@code tamper} flips one byte of a run's workbook, on
 * disk and in PostgreSQL, and asks {@code verify} and the portal about it.
 */
final class PortalChaos {

    private final ChaosSuite suite;

    PortalChaos(ChaosSuite suite) {
        this.suite = suite;
    }

    /**
     * The provider goes away after it redirected the browser back with a code, before the portal redeems it: the
     * sign-in ends on an error page, no session is granted, nothing is logged as a sign-in; back, it signs in again.
     */
    void providerDown() throws Exception {
        Path dir = suite.work.resolve("oidc");
        if (!suite.mode.name().equals("ci")) {
            try (ChaosPortal portal = new ChaosPortal(dir.resolve("serve-without-provider.log"))) {
                portal.idp.cutNow();
                Integer exit = portal.start(suite.child, dir.resolve("db"), dir.resolve("reports"));
                String error = lastLine(portal.log, "error:");
                suite.figure("oidc", "provider down at start: exit / line", exit + " / " + error);
                suite.check(exit != null && exit == 1 && error.contains("Issuer"), "oidc: serve without its provider"
                        + " did not exit 1 naming the issuer (see " + portal.log + ")");
            }
        }
        try (ChaosPortal portal = new ChaosPortal(dir.resolve("serve.log"))) {
            Integer exit = portal.start(suite.child, dir.resolve("db"), dir.resolve("reports"));
            suite.check(exit == null, "oidc: serve exited " + exit + " (see " + portal.log + ")");
            if (exit != null) {
                return;
            }
            // no sign-in is queued at the provider for the failing ones: it hands one out at its token endpoint,
            // which they never reach, so the next sign-in would get it
            PortalClient browser = new PortalClient();
            String callback = portal.callback(browser);
            portal.idp.cutNow();
            long start = System.nanoTime();
            HttpResponse<byte[]> page = browser.follow(callback);
            double seconds = (System.nanoTime() - start) / 1e9;
            String text = visibleText(page);
            HttpResponse<byte[]> after = browser.get(portal.base() + "/runs");
            suite.figure("oidc", "provider down at the token exchange: page (status, path, time)", page.statusCode()
                    + " " + page.uri().getPath() + String.format(java.util.Locale.ROOT, ", %.1f s", seconds));
            suite.figure("oidc", "the page says", text.length() > 300 ? text.substring(0, 300) + "…" : text);
            suite.figure("oidc", "then /runs", after.statusCode() + " → "
                    + after.headers().firstValue("Location").orElse("(no redirect)"));
            suite.check(after.statusCode() == 302 && after.headers().firstValue("Location").orElse("")
                    .endsWith("/oauth2/authorization/audit"), "oidc: the failed sign-in granted access to /runs");
            suite.check(page.statusCode() != 200 || !page.uri().getPath().startsWith("/runs"),
                    "oidc: the failed sign-in landed on a page behind the sign-in");
            suite.check(text.toLowerCase(java.util.Locale.ROOT).contains("sign"), "oidc: the error page does not"
                    + " say the sign-in failed: " + text);
            portal.idp.reopen();
            if (!suite.mode.name().equals("ci")) {
                hungProvider(portal);
            }
            PortalClient back = portal.auditor("auditor-after-outage");
            suite.figure("oidc", "provider back: a new sign-in", back == null ? "failed" : "lands on /runs");
            suite.check(back != null, "oidc: no sign-in after the provider came back");
            suite.figure("oidc", "serve stopped by SIGTERM: exit", String.valueOf(portal.stop()));
        }
        List<String> access = ChaosSuite.inDatabase(dir.resolve("db"), jdbc -> jdbc.sql(
                "SELECT subject || ' ' || action FROM portal_access ORDER BY id").query(String.class).list());
        suite.figure("oidc", "access log", String.join(", ", access));
        suite.check(access.equals(List.of("auditor-after-outage SIGN_IN")), "oidc: the access log holds " + access);
    }

    /**
     * The provider hangs (takes the connection, never answers) when the portal redeems the code: the sign-in must end
     * on an error page within the client's 30 s, not hold the browser, and a server thread, for as long as the
     * provider hangs.
     */
    private void hungProvider(ChaosPortal portal) throws Exception {
        PortalClient browser = new PortalClient();
        String callback = portal.callback(browser);
        portal.idp.hang();
        long start = System.nanoTime();
        String outcome;
        boolean answered;
        try {
            HttpResponse<byte[]> page = browser.follow(callback);
            outcome = page.statusCode() + " " + page.uri().getPath();
            answered = true;
        } catch (java.net.http.HttpTimeoutException e) {
            outcome = "no answer";
            answered = false;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        portal.idp.cutNow();
        portal.idp.reopen();
        suite.figure("oidc", "provider hung at the token exchange: page, time", String.format(java.util.Locale.ROOT,
                "%s, %.1f s", outcome, seconds));
        suite.check(answered, "oidc: a hung provider held the sign-in for more than 30 s");
    }

    /**
     * One byte of the stored workbook flipped: {@code verify} exits 6 naming the run, the portal sends nothing of it.
     * Beyond the CI mode, first a clean {@code verify} and a flipped byte of the workbook file on disk.
     */
    void tamperedWorkbook() throws Exception {
        Path dir = suite.work.resolve("tamper");
        Path db = dir.resolve("db");
        Path reports = dir.resolve("reports");
        int secrets = suite.mode.name().equals("ci") ? 300 : 2_000;
        int exit = ChaosSuite.await(suite.child.start(db, reports, null, dir.resolve("run.log"), List.of(), Map.of(),
                "--source=synthetic:" + secrets, "--as-of=" + ChaosSuite.AS_OF), 300);
        suite.check(exit == 0, "tamper: the run exited " + exit);
        if (!suite.mode.name().equals("ci")) {
            verify(dir, "clean", 0, "verified: ");
            Path file;
            try (var walk = Files.walk(reports)) {
                file = walk.filter(path -> path.toString().endsWith(".xlsx")).findFirst().orElseThrow();
            }
            byte[] original = Files.readAllBytes(file);
            byte[] tampered = original.clone();
            int at = suite.random.nextInt(tampered.length);
            tampered[at] ^= (byte) (1 + suite.random.nextInt(255));
            Files.write(file, tampered);
            verify(dir, "file byte " + at + " flipped", 6, "does not match its manifest");
            Files.write(file, original);
        }
        record Flip(long run, long offset) {
        }
        Flip flip = ChaosSuite.inDatabase(db, jdbc -> {
            long run = jdbc.sql("SELECT max(run_id) FROM run_workbook").query(Long.class).single();
            long size = jdbc.sql("SELECT length(content) FROM run_workbook WHERE run_id = ?").param(run)
                    .query(Long.class).single();
            long offset = (long) (suite.random.nextDouble() * size);
            jdbc.sql("UPDATE run_workbook SET content = set_byte(content, ?, get_byte(content, ?) # ?) WHERE run_id = ?")
                    .params((int) offset, (int) offset, 1 + suite.random.nextInt(255), run).update();
            return new Flip(run, offset);
        });
        verify(dir, "stored byte " + flip.offset() + " flipped", 6, "run " + flip.run()
                + ": the workbook stored in PostgreSQL does not match");
        try (ChaosPortal portal = new ChaosPortal(dir.resolve("serve.log"))) {
            Integer served = portal.start(suite.child, db, reports);
            suite.check(served == null, "tamper: serve exited " + served + " (see " + portal.log + ")");
            if (served != null) {
                return;
            }
            PortalClient auditor = portal.auditor("auditor-tamper");
            suite.check(auditor != null, "tamper: the auditor could not sign in");
            if (auditor == null) {
                return;
            }
            HttpResponse<byte[]> download = auditor.get(portal.base() + "/runs/" + flip.run() + "/workbook");
            HttpResponse<byte[]> page = auditor.get(portal.base() + "/runs/" + flip.run());
            boolean zip = download.body().length > 1 && download.body()[0] == 'P' && download.body()[1] == 'K';
            suite.figure("tamper", "portal: workbook download / bytes / xlsx bytes sent / run page", download.statusCode()
                    + " / " + download.body().length + " / " + (zip ? "yes" : "none") + " / " + page.statusCode());
            suite.figure("tamper", "portal: its log", lastLine(portal.log, "Refused the workbook"));
            suite.check(download.statusCode() != 200 && !zip && download.headers().firstValue("X-Content-SHA256")
                    .isEmpty(), "tamper: the portal served the tampered workbook");
            suite.check(page.statusCode() == 200, "tamper: the run's page is gone with its workbook");
            portal.stop();
        }
        long downloads = ChaosSuite.inDatabase(db, jdbc -> jdbc.sql(
                "SELECT count(*) FROM portal_access WHERE action = 'DOWNLOAD'").query(Long.class).single());
        suite.figure("tamper", "portal: downloads in the access log", String.valueOf(downloads));
        suite.check(downloads == 0, "tamper: a download of the tampered workbook was logged");
    }

    private void verify(Path dir, String what, int expected, String says) throws Exception {
        Path log = dir.resolve("verify-" + what.replaceAll("[^a-z0-9]+", "-") + ".log");
        int exit = ChaosSuite.await(suite.child.command("verify", dir.resolve("db"), dir.resolve("reports"), null, log,
                List.of(), Map.of()), 300);
        String line = lastLine(log, expected == 0 ? "verified: " : "broken: ");
        suite.figure("tamper", "verify, " + what + ": exit / line", exit + " / " + line);
        suite.check(exit == expected && line.contains(says), "tamper: verify (" + what + ") exited " + exit
                + ", expected " + expected + " and a line with '" + says + "' (see " + log + ")");
    }

    private static String lastLine(Path log, String containing) throws java.io.IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(containing)) {
                String line = lines.get(i).strip();
                return line.length() > 240 ? line.substring(0, 240) + "…" : line;
            }
        }
        return "(none)";
    }

    /** The page's text as a browser shows it, roughly: tags and blank runs removed. */
    private static String visibleText(HttpResponse<byte[]> page) {
        return PortalClient.text(page).replaceAll("(?s)<style.*?</style>", " ").replaceAll("<[^>]+>", " ")
                .replaceAll("\\s+", " ").strip();
    }
}
