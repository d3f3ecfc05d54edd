package ai.kubiya.secretaudit;

import static ai.kubiya.secretaudit.KubernetesManifest.list;
import static ai.kubiya.secretaudit.KubernetesManifest.map;
import static ai.kubiya.secretaudit.KubernetesManifest.number;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * {@code k8s-cronjob.yaml} is production-ready, and every key of the {@code application.yml} it mounts and every
 * variable it sets is one the application reads.
 */
class KubernetesManifestTests {

    /** Read by the JVM, not by Spring. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    /**
     * Spring Boot's own keys the deployment sets (datasource, mail, the Pushgateway the run's metrics go to) and the
     * Control Plane's (issue #3).
     */
    private static final List<String> OTHER_KEYS = List.of("spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password", "spring.mail.host", "spring.mail.port", "spring.mail.username",
            "spring.mail.password", "kubiya.api-key", "kubiya.base-url",
            "management.prometheus.metrics.export.pushgateway.enabled",
            "management.prometheus.metrics.export.pushgateway.address");
    private static final List<String> OTHER_MAPS = List.of("spring.mail.properties");

    static KubernetesManifest manifest;
    static Map<String, Object> applicationYml;

    @BeforeAll
    static void parse() throws IOException {
        manifest = KubernetesManifest.read();
        applicationYml = manifest.configurationFile("config", "application.yml");
    }

    @Test
    void theCronJobRunsNightlyInUtcOneAtATimeWithBoundedRetriesAndHistory() {
        Map<String, Object> spec = map(manifest.cronJob().get("spec"));
        assertThat((String) spec.get("schedule")).matches("\\d{1,2} \\d{1,2} \\* \\* \\*");
        assertThat(spec).containsEntry("timeZone", "Etc/UTC").containsEntry("concurrencyPolicy", "Forbid");
        assertThat(number(spec, "startingDeadlineSeconds")).isPositive();
        assertThat(number(spec, "successfulJobsHistoryLimit")).isPositive();
        assertThat(number(spec, "failedJobsHistoryLimit")).isPositive();
        Map<String, Object> job = map(map(spec.get("jobTemplate")).get("spec"));
        assertThat(number(job, "backoffLimit")).isBetween(1, 6);
        assertThat(number(job, "activeDeadlineSeconds")).isPositive();
        assertThat(map(map(job.get("template")).get("spec"))).containsEntry("restartPolicy", "Never");
        assertThat(list(manifest.container().get("args"))).containsExactly("run");
    }

    @Test
    void thePodRunsLockedDown() {
        Map<String, Object> pod = manifest.podSpec();
        Map<String, Object> podSecurity = map(pod.get("securityContext"));
        Map<String, Object> security = map(manifest.container().get("securityContext"));
        assertThat(podSecurity).containsEntry("runAsNonRoot", true);
        assertThat(map(podSecurity.get("seccompProfile"))).containsEntry("type", "RuntimeDefault");
        assertThat(security).containsEntry("allowPrivilegeEscalation", false)
                .containsEntry("readOnlyRootFilesystem", true);
        assertThat(list(map(security.get("capabilities")).get("drop"))).containsExactly("ALL");
        assertThat(pod).containsEntry("automountServiceAccountToken", false);
    }

    @Test
    void theImageRunsAsTheUserTheManifestExpects() throws IOException {
        Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)$").matcher(Files.readString(Path.of("Dockerfile")));
        assertThat(user.find()).as("Dockerfile USER uid:gid").isTrue();
        assertThat(map(manifest.podSpec().get("securityContext")))
                .containsEntry("runAsUser", Integer.parseInt(user.group(1)))
                .containsEntry("runAsGroup", Integer.parseInt(user.group(2)));
    }

    @Test
    void onlyTmpAndTheReportsVolumeAreWritableAndReportsPersist() {
        Map<String, String> writable = new LinkedHashMap<>();
        manifest.mounts().forEach((name, mount) -> {
            if (!Boolean.TRUE.equals(mount.get("readOnly"))) {
                writable.put(name, (String) mount.get("mountPath"));
            }
        });
        Map<String, Map<String, Object>> volumes = manifest.volumes();
        assertThat(writable).containsOnlyKeys("tmp", "reports").containsEntry("tmp", "/tmp");
        assertThat(volumes.get("tmp")).containsKey("emptyDir");
        assertThat(writable.get("reports")).isEqualTo(applicationYml.get("audit.reports.dir"));
        String claim = (String) map(volumes.get("reports").get("persistentVolumeClaim")).get("claimName");
        assertThat(manifest.document("PersistentVolumeClaim", claim)).isNotNull();
    }

    @Test
    void theJvmIsSizedToTheContainerWhichHasRequestsAndLimits() {
        Map<String, Object> resources = map(manifest.container().get("resources"));
        assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
        assertThat(map(resources.get("limits"))).containsKeys("cpu", "memory");
        assertThat((String) manifest.environment().get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=");
    }

    @Test
    void credentialsComeFromTheSecretAndNothingElseDoes() {
        Map<String, Object> fromSecret = new LinkedHashMap<>();
        Map<String, Object> written = new LinkedHashMap<>();
        manifest.environment().forEach((name, value) -> (value instanceof Map ? fromSecret : written).put(name, value));
        assertThat(fromSecret).containsKeys("KUBIYA_API_KEY", "SPRING_DATASOURCE_PASSWORD", "SPRING_MAIL_PASSWORD")
                .allSatisfy((name, valueFrom) -> assertThat(map(valueFrom)).containsOnlyKeys("secretKeyRef"));
        assertThat(written.keySet()).noneMatch(name -> name.matches(".*(PASSWORD|API_KEY|SECRET|TOKEN).*"));
        // a key, not a word: audit.policy.max-age-days.token is a setting
        assertThat(applicationYml.keySet()).noneMatch(key -> key.matches("(?i).*[.-](password|api-?key)"));
        assertThat(manifest.documents()).noneMatch(document -> "Secret".equals(document.get("kind")));
    }

    @Test
    void everyVariableTheManifestSetsIsOneTheApplicationReads() throws Exception {
        Set<String> keys = new HashSet<>(OTHER_KEYS);
        Set<String> maps = new HashSet<>(OTHER_MAPS);
        applicationYamlKeys(keys);
        configurationPropertiesKeys(keys, maps);

        assertThat(manifest.environment().keySet())
                .isNotEmpty()
                .allSatisfy(variable -> assertThat(JVM_VARIABLES.contains(variable)
                        || reads(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of(variable, "value")), keys, maps))
                        .as("%s binds to none of the application's keys", variable).isTrue());
    }

    @Test
    void everyKeyOfTheMountedApplicationYmlIsOneTheApplicationReads() throws Exception {
        Set<String> keys = new HashSet<>(OTHER_KEYS);
        Set<String> maps = new HashSet<>(OTHER_MAPS);
        applicationYamlKeys(keys);
        configurationPropertiesKeys(keys, maps);

        assertThat(applicationYml.keySet())
                .contains("audit.source", "audit.reports.dir", "audit.waivers.file", "spring.datasource.url")
                .allSatisfy(key -> assertThat(reads(new MapPropertySource("application.yml", Map.of(key, "value")),
                        keys, maps)).as("%s is none of the application's keys", key).isTrue());
    }

    /** Whether Spring Boot's relaxed binding maps the property to one of the keys (or into a map or list). */
    private static boolean reads(EnumerablePropertySource<?> property, Set<String> keys, Set<String> maps) {
        ConfigurationPropertySource source = ConfigurationPropertySource.from(property);
        return keys.stream().anyMatch(key -> source.getConfigurationProperty(name(key)) != null)
                || maps.stream().anyMatch(key -> source.containsDescendantOf(name(key)) == ConfigurationPropertyState.PRESENT);
    }

    private static ConfigurationPropertyName name(String key) {
        return ConfigurationPropertyName.adapt(key, '.');
    }

    private static void applicationYamlKeys(Set<String> keys) throws IOException {
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml")).stream()
                .map(source -> (EnumerablePropertySource<?>) source)
                .flatMap(source -> Stream.of(source.getPropertyNames()))
                .forEach(keys::add);
    }

    /** Every key of the application's {@code @ConfigurationProperties} records, nested records included. */
    private static void configurationPropertiesKeys(Set<String> keys, Set<String> maps) throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        for (BeanDefinition candidate : scanner.findCandidateComponents(SecretRotationAuditApplication.class.getPackageName())) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            recordKeys(prefix, type, keys, maps);
        }
    }

    private static void recordKeys(String prefix, Class<?> type, Set<String> keys, Set<String> maps) {
        assertThat(type.isRecord()).as("%s is a record", type).isTrue();
        for (RecordComponent component : type.getRecordComponents()) {
            String key = prefix + "." + kebab(component.getName());
            Class<?> componentType = component.getType();
            if (componentType.isRecord()) {
                recordKeys(key, componentType, keys, maps);
            } else {
                keys.add(key);
                if (Map.class.isAssignableFrom(componentType) || Collection.class.isAssignableFrom(componentType)) {
                    maps.add(key);
                }
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
