package ai.kubiya.secretaudit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.springframework.boot.info.BuildProperties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the version Spring Boot's {@code build-info} goal records, and the commit that
 * git-commit-id-maven-plugin records when the build ran in a Git clone (a build without {@code .git} has none).
 */
final class BuildVersion implements IVersionProvider {

    static final String BUILD_INFO = "META-INF/build-info.properties";
    static final String GIT = "git.properties";

    @Override
    public String[] getVersion() throws IOException {
        Properties build = load(BUILD_INFO);
        Properties git = load(GIT);
        String version = build.getProperty("build.version", "(version not recorded: not built by Maven)");
        StringBuilder line = new StringBuilder("secret-rotation-audit " + version);
        String commit = git.getProperty("git.commit.id.abbrev");
        if (commit != null && !commit.isBlank()) {
            line.append(", commit ").append(commit);
        }
        if (build.getProperty("build.time") != null) {
            line.append(", built ").append(build.getProperty("build.time"));
        }
        return new String[] {line.toString()};
    }

    /** Spring Boot's view of the build-info file, or null when the build wrote none. */
    static BuildProperties buildProperties() throws IOException {
        Properties recorded = load(BUILD_INFO);
        if (recorded.isEmpty()) {
            return null;
        }
        Properties build = new Properties();
        recorded.stringPropertyNames().stream().filter(key -> key.startsWith("build."))
                .forEach(key -> build.setProperty(key.substring("build.".length()), recorded.getProperty(key)));
        return new BuildProperties(build);
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = BuildVersion.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        }
        return properties;
    }
}
