package ai.kubiya.secretaudit.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The short mode of the chaos suite ({@code chaos/run.sh --short}), inside {@code mvn verify}: the application
 * in child JVMs on its embedded PostgreSQL, killed with SIGKILL at random points and restarted (inside the chat
 * delivery too, counted at the fake Slack and Teams APIs), fed a fuzzed inventory, searched for a planted secret
 * value, pushing to a Pushgateway that is down, and its stored workbook tampered with under {@code verify} and the
 * portal, with sizes that keep it within two minutes. The other scenarios (Control Plane faults, SMTP outage,
 * database restart, chat faults, the sign-in provider down) and the larger sizes are {@code chaos/run.sh} (and
 * {@code --short}); each of their faults also has a focused test of its own. The suite itself is a program
 * in {@code src/chaos/java}, compiled with the tests. The seed is random and printed; {@code -Dchaos.seed=N}
 * repeats a run's random choices.
 */
class ChaosIntegrationTests {

    @Test
    void killedRunsFuzzedInputACanaryADeadPushgatewayAndATamperedWorkbookLeaveNoTrace() throws Exception {
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "chaos-short");
        long seed = Long.getLong("chaos.seed", System.nanoTime()); // random each build, printed so a failure replays
        System.out.println("chaos seed " + seed + "; replay: mvn -B -o test -Dtest=ChaosIntegrationTests -Dchaos.seed=" + seed);
        String jar = System.getProperty("chaos.jar", "");
        ChaosSuite suite = new ChaosSuite(ChaosSuite.Mode.ci(),
                new ChaosChild(jar.isEmpty() ? null : Path.of(jar), true), work, seed);

        suite.runAll(System.getProperty("chaos.scenarios",
                "kill,fuzz,canary,chat-kill,pushgateway,tamper"));

        String summary = suite.summary();
        System.out.println(summary);
        assertThat(suite.problems).as(summary).isEmpty();
        deleteRecursively(work); // kept when a check failed, for its logs
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
