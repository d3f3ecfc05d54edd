package ai.kubiya.secretaudit;

import static ai.kubiya.secretaudit.KubernetesManifest.map;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.policy.WaiverFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code application.yml} and {@code waivers.yaml} reach the read-only container: a ConfigMap mounted at the
 * working directory's {@code config/}, where Spring Boot looks on its own; and the operations page says the same
 * as the manifest.
 */
class KubernetesConfigurationTests {

    private static final String PUSHGATEWAY = "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_";

    static KubernetesManifest manifest;
    static Map<String, Object> applicationYml;
    static Map<String, Object> configMount;

    @BeforeAll
    static void parse() throws IOException {
        manifest = KubernetesManifest.read();
        applicationYml = manifest.configurationFile("config", "application.yml");
        configMount = manifest.mounts().get("config");
    }

    @Test
    void theConfigMapIsMountedReadOnlyAtTheConfigFolderOfTheImagesWorkingDirectory() throws IOException {
        Matcher workdir = Pattern.compile("(?m)^WORKDIR (\\S+)$").matcher(Files.readString(Path.of("Dockerfile")));
        String last = null;
        while (workdir.find()) {
            last = workdir.group(1);
        }
        assertThat(manifest.container()).containsEntry("workingDir", last);
        assertThat(configMount).containsEntry("mountPath", last + "/config").containsEntry("readOnly", true);
        assertThat(manifest.configMapFiles("config")).containsOnlyKeys("application.yml", "waivers.yaml");
        assertThat(map(manifest.container().get("securityContext"))).containsEntry("readOnlyRootFilesystem", true);
    }

    @Test
    void theWaiverFileKeyNamesTheMountedWaiverFileWhichIsAValidOne(@TempDir Path work) throws IOException {
        assertThat(applicationYml).containsEntry("audit.waivers.file", configMount.get("mountPath") + "/waivers.yaml");
        Path waivers = Files.writeString(work.resolve("waivers.yaml"), (String) manifest.configMapFiles("config")
                .get("waivers.yaml"));

        assertThat(WaiverFile.read(waivers, LocalDate.now(), 180)).isEmpty();
    }

    @Test
    void theRunsMetricsArePushedToThePushgatewayAtAHostAndPort() {
        assertThat(manifest.environment())
                .containsEntry(PUSHGATEWAY + "ENABLED", "true")
                .hasEntrySatisfying(PUSHGATEWAY + "ADDRESS",
                        address -> assertThat((String) address).matches("[a-z0-9.-]+:\\d+"));
    }

    @Test
    void theOperationsPageNamesTheManifestsFolderFilesKeysAndVariables() throws IOException {
        String section = section(Files.readString(Path.of("docs/operations.md")), "## Kubernetes CronJob");
        List<String> named = List.of((String) configMount.get("mountPath"), "optional:file:./config/",
                "application.yml", "waivers.yaml", "audit.waivers.file", (String) applicationYml.get("audit.waivers.file"),
                "audit.reports.dir", (String) applicationYml.get("audit.reports.dir"), "readOnlyRootFilesystem",
                PUSHGATEWAY + "ENABLED", PUSHGATEWAY + "ADDRESS");

        assertThat(named).allSatisfy(name -> assertThat(section).as("the Kubernetes section").contains("`" + name));
    }

    /** From the heading to the next one of its level. */
    private static String section(String page, String heading) {
        int start = page.indexOf(heading + "\n");
        assertThat(start).as(heading).isNotNegative();
        int end = page.indexOf("\n## ", start + heading.length());
        return page.substring(start, end < 0 ? page.length() : end);
    }
}
