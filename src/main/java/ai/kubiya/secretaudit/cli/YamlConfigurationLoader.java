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
            throw new ApplicationContexts.ConfigurationError(describe(resource) + where + ": " + problem, null);
        } catch (YAMLException e) {
            throw new ApplicationContexts.ConfigurationError(describe(resource) + ": not valid YAML", null);
        }
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
