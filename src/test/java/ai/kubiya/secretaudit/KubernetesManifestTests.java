package ai.kubiya.secretaudit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** {@code k8s-cronjob.yaml} is production-ready, and every variable it sets is one the application reads. */
class KubernetesManifestTests {

    /** Read by the JVM, not by Spring. */
    private static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    /** Spring Boot's own keys the deployment sets (datasource, mail) and the Control Plane's (issue #3). */
    private static final List<String> OTHER_KEYS = List.of("spring.datasource.url", "spring.datasource.username",
            "spring.datasource.password", "spring.mail.host", "spring.mail.port", "spring.mail.username",
            "spring.mail.password", "kubiya.api-key", "kubiya.base-url");
    private static final List<String> OTHER_MAPS = List.of("spring.mail.properties");

    static List<Map<String, Object>> documents = new ArrayList<>();

    @BeforeAll
    static void parse() throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of("k8s-cronjob.yaml"))) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                documents.add(map(document));
            }
        }
    }

    @Test
    void theCronJobRunsNightlyInUtcOneAtATimeWithBoundedRetriesAndHistory() {
        Map<String, Object> spec = map(cronJob().get("spec"));
        assertThat((String) spec.get("schedule")).matches("\\d{1,2} \\d{1,2} \\* \\* \\*");
        assertThat(spec).containsEntry("timeZone", "Etc/UTC").containsEntry("concurrencyPolicy", "Forbid");
        assertThat(number(spec, "startingDeadlineSeconds")).isPositive();
        assertThat(number(spec, "successfulJobsHistoryLimit")).isPositive();
        assertThat(number(spec, "failedJobsHistoryLimit")).isPositive();
        Map<String, Object> job = map(map(spec.get("jobTemplate")).get("spec"));
        assertThat(number(job, "backoffLimit")).isBetween(1, 6);
        assertThat(number(job, "activeDeadlineSeconds")).isPositive();
        assertThat(map(map(job.get("template")).get("spec"))).containsEntry("restartPolicy", "Never");
        assertThat(list(container().get("args"))).containsExactly("run");
    }

    @Test
    void thePodRunsLockedDown() {
        Map<String, Object> pod = podSpec();
        Map<String, Object> podSecurity = map(pod.get("securityContext"));
        Map<String, Object> security = map(container().get("securityContext"));
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
        assertThat(map(podSpec().get("securityContext")))
                .containsEntry("runAsUser", Integer.parseInt(user.group(1)))
                .containsEntry("runAsGroup", Integer.parseInt(user.group(2)));
    }

    @Test
    void onlyTmpAndTheReportsVolumeAreWritableAndReportsPersist() {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object mount : list(container().get("volumeMounts"))) {
            mounts.put((String) map(mount).get("name"), (String) map(mount).get("mountPath"));
        }
        Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
        for (Object volume : list(podSpec().get("volumes"))) {
            volumes.put((String) map(volume).get("name"), map(volume));
        }
        assertThat(mounts).containsEntry("tmp", "/tmp").hasSize(2);
        assertThat(volumes.get("tmp")).containsKey("emptyDir");
        String reportsMount = mounts.get("reports");
        assertThat(reportsMount).isEqualTo(configMapData().get("AUDIT_REPORTS_DIR"));
        String claim = (String) map(volumes.get("reports").get("persistentVolumeClaim")).get("claimName");
        assertThat(documents).anySatisfy(document -> {
            assertThat(document).containsEntry("kind", "PersistentVolumeClaim");
            assertThat(map(document.get("metadata"))).containsEntry("name", claim);
        });
    }

    @Test
    void theJvmIsSizedToTheContainerWhichHasRequestsAndLimits() {
        Map<String, Object> resources = map(container().get("resources"));
        assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
        assertThat(map(resources.get("limits"))).containsKeys("cpu", "memory");
        assertThat((String) environment().get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=");
    }

    @Test
    void credentialsComeFromTheSecretAndNothingElseDoes() {
        Map<String, String> fromSecret = new LinkedHashMap<>();
        for (Object variable : list(container().get("env"))) {
            Map<String, Object> secretRef = map(map(map(variable).get("valueFrom")).get("secretKeyRef"));
            fromSecret.put((String) map(variable).get("name"), (String) secretRef.get("key"));
        }
        assertThat(fromSecret).containsKeys("KUBIYA_API_KEY", "SPRING_DATASOURCE_PASSWORD", "SPRING_MAIL_PASSWORD");
        assertThat(configMapData().keySet()).noneMatch(name -> name.matches(".*(PASSWORD|API_KEY|SECRET|TOKEN).*"));
        assertThat(documents).noneMatch(document -> "Secret".equals(document.get("kind")));
    }

    @Test
    void everyVariableTheManifestSetsIsOneTheApplicationReads() throws Exception {
        Set<String> keys = new HashSet<>(OTHER_KEYS);
        Set<String> maps = new HashSet<>(OTHER_MAPS);
        applicationYamlKeys(keys);
        configurationPropertiesKeys(keys, maps);

        assertThat(environment().keySet())
                .isNotEmpty()
                .allSatisfy(variable -> assertThat(JVM_VARIABLES.contains(variable) || reads(variable, keys, maps))
                        .as("%s binds to none of the application's keys", variable).isTrue());
    }

    /** Whether Spring Boot's relaxed binding maps the environment variable to one of the keys (or into a map). */
    private static boolean reads(String variable, Set<String> keys, Set<String> maps) {
        ConfigurationPropertySource environment = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "value")));
        return keys.stream().anyMatch(key -> environment.getConfigurationProperty(name(key)) != null)
                || maps.stream().anyMatch(key -> environment.containsDescendantOf(name(key)) == ConfigurationPropertyState.PRESENT);
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

    /** Every variable the container gets: the ConfigMap's (envFrom) and its own env. */
    private static Map<String, Object> environment() {
        Map<String, Object> variables = new LinkedHashMap<>(configMapData());
        for (Object variable : list(container().get("env"))) {
            variables.put((String) map(variable).get("name"), map(variable).get("valueFrom"));
        }
        return variables;
    }

    private static Map<String, Object> configMapData() {
        String name = (String) map(map(list(container().get("envFrom")).get(0)).get("configMapRef")).get("name");
        return map(documents.stream()
                .filter(document -> "ConfigMap".equals(document.get("kind")))
                .filter(document -> name.equals(map(document.get("metadata")).get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + name))
                .get("data"));
    }

    private static Map<String, Object> cronJob() {
        return documents.stream().filter(document -> "CronJob".equals(document.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no CronJob"));
    }

    private static Map<String, Object> podSpec() {
        Map<String, Object> job = map(map(map(cronJob().get("spec")).get("jobTemplate")).get("spec"));
        return map(map(job.get("template")).get("spec"));
    }

    private static Map<String, Object> container() {
        List<Object> containers = list(podSpec().get("containers"));
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    private static int number(Map<String, Object> map, String key) {
        assertThat(map).containsKey(key);
        return ((Number) map.get(key)).intValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
