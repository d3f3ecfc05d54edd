package ai.kubiya.secretaudit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README is a front door and docs/ holds the rest, so a section moved or renamed breaks links silently:
 * every relative link of the Markdown files, and every {@code docs/<page>.md#<section>} a source comment points
 * at, must name a file that exists and a heading in it (GitHub's anchors: lower case, punctuation dropped,
 * spaces as hyphens, {@code -1}, {@code -2} for repeats).
 */
class DocumentationLinksTests {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern SOURCE_POINTER = Pattern.compile("docs/[\\w-]+\\.md(#[\\w-]+)?");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");

    @Test
    void everyLinkOfTheReadmeAndTheDocsNamesAFileAndAHeadingThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : markdownPages()) {
            Matcher link = LINK.matcher(Files.readString(page));
            while (link.find()) {
                String target = link.group(1);
                if (!target.matches("^[a-z]+:.*")) {
                    check(page, target, page.getParent() == null ? Path.of("") : page.getParent()).ifPresent(broken::add);
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void everyDocsPointerInTheSourcesNamesAPageAndASectionThatExist() throws IOException {
        List<String> broken = new ArrayList<>();
        List<String> pointers = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher pointer = SOURCE_POINTER.matcher(Files.readString(file));
                while (pointer.find()) {
                    pointers.add(pointer.group());
                    check(file, pointer.group(), Path.of("")).ifPresent(broken::add);
                }
            }
        }
        assertThat(pointers).as("docs pointers found in src").hasSizeGreaterThan(15);
        assertThat(broken).isEmpty();
    }

    private static List<Path> markdownPages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("bench/RESULTS.md"),
                Path.of("chaos/RESULTS.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    private static Optional<String> check(Path from, String target, Path base) {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        Path resolved = file.isEmpty() ? from : base.resolve(file).normalize();
        if (!Files.exists(resolved)) {
            return Optional.of(from + ": " + target + " (no such file)");
        }
        if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
            return Optional.of(from + ": " + target + " (no such heading)");
        }
        return Optional.empty();
    }

    /** GitHub's anchors of a Markdown file's headings, fenced code blocks left out. */
    static Set<String> anchors(Path markdown) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : read(markdown).split("\n")) {
            fenced ^= line.startsWith("```");
            Matcher heading = HEADING.matcher(line);
            if (!fenced && heading.matches()) {
                String slug = heading.group(1).strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N}_\\- ]", "").replace(' ', '-');
                int repeat = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(repeat == 0 ? slug : slug + "-" + repeat);
            }
        }
        return anchors;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
