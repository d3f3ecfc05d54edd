package ai.kubiya.secretaudit.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Spring Boot's YAML loader, with a syntax error turned into one line that names the file and the line:
 * {@code application.yml line 3, column 1: found character '\t(TAB)' that cannot start any token}. SnakeYAML's own
 * message names neither (its mark says "reader"), and it prints the offending line, which may hold a password.
 * Listed before Spring Boot's loader in {@code META-INF/spring.factories}, so it loads every {@code .yml} and
 * {@code .yaml} configuration file (Spring Boot takes the first loader for an extension).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class YamlConfigurationLoader implements PropertySourceLoader {

    private final YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();

    @Override
    public String[] getFileExtensions() {
        return yaml.getFileExtensions();
    }

    @Override
    public List<PropertySource<?>> load(String name, Resource resource) throws IOException {
        try {
            return yaml.load(name, resource);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new ApplicationContexts.ConfigurationError(describe(resource) + where + ": " + withoutContent(problem),
                    null);
        } catch (YAMLException e) {
            throw new ApplicationContexts.ConfigurationError(describe(resource) + ": not valid YAML", null);
        }
    }

    /**
     * SnakeYAML's problem without the file's content: some of its messages quote what they met, and an unquoted
     * password starting with {@code *} or {@code !} reads as an alias or a tag ({@code found undefined alias
     * Hunter2secret}). Those two get a fixed wording; elsewhere quoted text is dropped, the tab note excepted.
     */
    static String withoutContent(String problem) {
        if (problem == null) {
            return "not valid YAML";
        }
        if (problem.contains("alias") || problem.contains("anchor")) {
            return "a value starting with * or & reads as a YAML alias or anchor; put the value in quotes";
        }
        if (problem.contains("tag")) {
            return "a value starting with ! reads as a YAML tag; put the value in quotes";
        }
        int butFound = problem.indexOf(" but found");
        String kept = butFound < 0 ? problem : problem.substring(0, butFound) + " but found something else";
        return kept.replace("'\\t(TAB)'", "TAB").replaceAll("'[^']*'|\"[^\"]*\"", "a character")
                .replace("character TAB", "character '\\t(TAB)'");
    }

    /** A configuration file as its reader knows it: {@code application.yml}, {@code /etc/audit/application.yml}. */
    static String describe(Resource resource) {
        try {
            if (resource.isFile()) {
                Path file = resource.getFile().toPath().toAbsolutePath().normalize();
                Path here = Path.of("").toAbsolutePath();
                return (file.startsWith(here) ? here.relativize(file) : file).toString();
            }
        } catch (IOException | IllegalArgumentException e) {
            // not a file after all: its description below
        }
        return resource instanceof ClassPathResource classPath ? "classpath:" + classPath.getPath()
                : resource.getDescription();
    }
}
