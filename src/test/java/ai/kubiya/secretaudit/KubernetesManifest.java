package ai.kubiya.secretaudit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** {@code k8s-cronjob.yaml} parsed with SnakeYAML, and the parts of it the tests look at. */
record KubernetesManifest(List<Map<String, Object>> documents) {

    static KubernetesManifest read() throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(Path.of("k8s-cronjob.yaml"))) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                documents.add(map(document));
            }
        }
        return new KubernetesManifest(documents);
    }

    Map<String, Object> cronJob() {
        return document("CronJob", null);
    }

    Map<String, Object> podSpec() {
        Map<String, Object> job = map(map(map(cronJob().get("spec")).get("jobTemplate")).get("spec"));
        return map(map(job.get("template")).get("spec"));
    }

    Map<String, Object> container() {
        List<Object> containers = list(podSpec().get("containers"));
        assertThat(containers).hasSize(1);
        return map(containers.get(0));
    }

    /** The container's variables: name → value, or → its {@code valueFrom}. */
    Map<String, Object> environment() {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (Object variable : list(container().get("env"))) {
            Map<String, Object> entry = map(variable);
            variables.put((String) entry.get("name"), entry.containsKey("value") ? entry.get("value") : entry.get("valueFrom"));
        }
        return variables;
    }

    /** volume name → its mount in the container. */
    Map<String, Map<String, Object>> mounts() {
        return byName(container().get("volumeMounts"));
    }

    /** volume name → the pod's volume. */
    Map<String, Map<String, Object>> volumes() {
        return byName(podSpec().get("volumes"));
    }

    /** The files of the ConfigMap behind the volume: file name → content. */
    Map<String, Object> configMapFiles(String volume) {
        String name = (String) map(volumes().get(volume).get("configMap")).get("name");
        return map(document("ConfigMap", name).get("data"));
    }

    /** A YAML file of that ConfigMap as Spring Boot reads it: flattened keys → values. */
    Map<String, Object> configurationFile(String volume, String file) throws IOException {
        byte[] content = ((String) configMapFiles(volume).get(file)).getBytes(StandardCharsets.UTF_8);
        Map<String, Object> keys = new LinkedHashMap<>();
        new YamlPropertySourceLoader().load(file, new ByteArrayResource(content)).stream()
                .map(source -> (EnumerablePropertySource<?>) source)
                .forEach(source -> Stream.of(source.getPropertyNames()).forEach(key -> keys.put(key, source.getProperty(key))));
        return keys;
    }

    Map<String, Object> document(String kind, String name) {
        return documents.stream()
                .filter(document -> kind.equals(document.get("kind")))
                .filter(document -> name == null || name.equals(map(document.get("metadata")).get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + (name == null ? "" : " " + name)));
    }

    private static Map<String, Map<String, Object>> byName(Object entries) {
        Map<String, Map<String, Object>> named = new LinkedHashMap<>();
        for (Object entry : list(entries)) {
            named.put((String) map(entry).get("name"), map(entry));
        }
        return named;
    }

    static int number(Map<String, Object> map, String key) {
        assertThat(map).containsKey(key);
        return ((Number) map.get(key)).intValue();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }
}
