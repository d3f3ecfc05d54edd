package ai.kubiya.secretaudit.cli;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The keys the application reads under a prefix ({@code audit}), taken from its {@code @ConfigurationProperties}
 * records — the one place they are declared — as a tree: a record's components are named children, a map takes
 * any key (then its values' keys), a list takes an index (or, for a list of values, one comma-separated value).
 * A property name is walked down the tree; where it leaves it, the nearest sibling is the suggestion.
 */
final class ConfigurationKeys {

    /** One element of a property name: its uniform form (lower case, letters and digits only), or an index. */
    record Element(String uniform, boolean index) {
    }

    /** Where a name left the tree: at element {@code at}, among the children of {@code group} (null: none fit). */
    record Miss(int at, Group group) {
    }

    interface Key {
    }

    /** A record's keys, by uniform name, each with its name as written in application.yml. */
    record Group(Map<String, Named> children) implements Key {
    }

    record Named(String name, Key key) {
    }

    record MapOf(Key value) implements Key {
    }

    record ListOf(Key element) implements Key {
    }

    enum Value implements Key { VALUE }

    private final Group root;

    private ConfigurationKeys(Group root) {
        this.root = root;
    }

    /** The keys of every {@code @ConfigurationProperties} record under {@code basePackage} within {@code prefix}. */
    static ConfigurationKeys scan(String prefix, String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        return of(prefix, scanner.findCandidateComponents(basePackage).stream()
                .<Class<?>>map(candidate -> ClassUtils.resolveClassName(candidate.getBeanClassName(),
                        ConfigurationKeys.class.getClassLoader()))
                .toList());
    }

    /** The keys of these {@code @ConfigurationProperties} records within {@code prefix}. */
    static ConfigurationKeys of(String prefix, Collection<Class<?>> records) {
        Group root = new Group(new LinkedHashMap<>());
        for (Class<?> type : records) {
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String of = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            if ((of + ".").startsWith(prefix + ".") && type.isRecord()) {
                add(root, List.of(of.substring(prefix.length()).split("\\.")), of(type));
            }
        }
        return new ConfigurationKeys(root);
    }

    /**
     * @param elements the name's elements after the prefix
     * @param relaxed  whether one key may span several elements, as in an environment variable, where
     *                 {@code AUDIT_MAIL_ALLOWED_DOMAINS} reads {@code audit.mail.allowed-domains}
     * @return empty when the tree holds the name
     */
    Optional<Miss> find(List<Element> elements, boolean relaxed) {
        return Optional.ofNullable(walk(root, elements, 0, relaxed));
    }

    private static Miss walk(Key key, List<Element> elements, int at, boolean relaxed) {
        boolean end = at == elements.size();
        if (key instanceof Group group) {
            return end ? new Miss(at, group) : child(group, elements, at, relaxed);
        }
        if (key instanceof MapOf map) {
            // a map of values takes any key, also one that spans elements (api_key in AUDIT_…_API_KEY)
            return end || map.value() == Value.VALUE ? null : entry(map, elements, at, relaxed);
        }
        if (key instanceof ListOf list && !end) {
            return elements.get(at).index() ? walk(list.element(), elements, at + 1, relaxed) : new Miss(at, null);
        }
        return end ? null : new Miss(at, null);
    }

    private static Miss entry(MapOf map, List<Element> elements, int at, boolean relaxed) {
        Miss first = null;
        for (int next = at + 1; next <= (relaxed ? elements.size() : at + 1); next++) {
            Miss miss = walk(map.value(), elements, next, relaxed);
            if (miss == null) {
                return null;
            }
            first = first == null ? miss : first;
        }
        return first;
    }

    private static Miss child(Group group, List<Element> elements, int at, boolean relaxed) {
        StringBuilder joined = new StringBuilder();
        Miss deeper = null;
        for (int next = at + 1; next <= (relaxed ? elements.size() : at + 1); next++) {
            joined.append(elements.get(next - 1).uniform());
            Named named = group.children().get(joined.toString());
            if (named != null) {
                Miss miss = walk(named.key(), elements, next, relaxed);
                if (miss == null) {
                    return null;
                }
                deeper = deeper == null ? miss : deeper;
            }
        }
        return deeper != null ? deeper : new Miss(at, group);
    }

    private static void add(Group root, List<String> path, Key key) {
        Group group = root;
        for (String element : path.subList(path.get(0).isEmpty() ? 1 : 0, path.size())) {
            Named named = group.children().computeIfAbsent(uniform(element),
                    uniform -> new Named(element, new Group(new LinkedHashMap<>())));
            group = (Group) named.key();
        }
        if (key instanceof Group record) {
            group.children().putAll(record.children());
        }
    }

    private static Key of(Type type) {
        Class<?> raw = type instanceof ParameterizedType parameterized ? (Class<?>) parameterized.getRawType()
                : type instanceof Class<?> plain ? plain : Object.class;
        if (raw.isRecord()) {
            Map<String, Named> children = new LinkedHashMap<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                String name = kebab(component.getName());
                children.put(uniform(name), new Named(name, of(component.getGenericType())));
            }
            return new Group(children);
        }
        if (Map.class.isAssignableFrom(raw)) {
            return new MapOf(of(argument(type, 1)));
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            return new ListOf(raw.isArray() ? of(raw.getComponentType()) : of(argument(type, 0)));
        }
        return Value.VALUE;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType parameterized ? parameterized.getActualTypeArguments()[index]
                : Object.class;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** As Spring Boot compares names: lower case, letters and digits only (allowed-domains = allowedDomains). */
    static String uniform(String element) {
        return element.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
