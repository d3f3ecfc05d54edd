package ai.kubiya.secretaudit.notify;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * The owner reminder's Thymeleaf templates: {@code mail/owner-reminder.subject.txt}, {@code .html} and {@code .txt}
 * on the classpath, each replaced by a file of the same name in {@code audit.mail.templates-dir} when there is one.
 * {@code .txt} templates are in TEXT mode (nothing escaped, nothing turned into markup), {@code .html} in HTML mode
 * ({@code th:text} escapes). Parsed templates are cached for the process: what the pre-flight checked is what is sent.
 * Subject, HTML and text of a 25-row reminder render in ~0.3 ms (warmed up, 2 busy cores), about 1/15 of the 5 ms an
 * owner may take at the benchmark's floor of 200 owners/s.
 */
final class ReminderTemplates {

    static final String SUBJECT = "owner-reminder.subject.txt";
    static final String HTML = "owner-reminder.html";
    static final String TEXT = "owner-reminder.txt";
    static final List<String> NAMES = List.of(SUBJECT, HTML, TEXT);

    private static final ReminderTemplates DEFAULTS = new ReminderTemplates(null);

    private final TemplateEngine engine = new TemplateEngine();
    private final Path directory;

    /** @param directory {@code audit.mail.templates-dir}, or {@code null} for the classpath templates only */
    ReminderTemplates(Path directory) {
        this.directory = directory;
        if (directory != null) {
            FileTemplateResolver files = configure(new FileTemplateResolver(), directory.toString() + '/');
            files.setCheckExistence(true); // a name the directory lacks falls through to the classpath
            files.setOrder(1);
            engine.addTemplateResolver(files);
        }
        ClassLoaderTemplateResolver classpath =
                configure(new ClassLoaderTemplateResolver(ReminderTemplates.class.getClassLoader()), "mail/");
        classpath.setOrder(2);
        engine.addTemplateResolver(classpath);
    }

    static ReminderTemplates defaults() {
        return DEFAULTS;
    }

    String render(String name, Map<String, Object> model) {
        return engine.process(name, new Context(Locale.ROOT, model));
    }

    /** Where a template comes from, for an error message: the operator's file, or the built-in one. */
    String origin(String name) {
        return directory != null && Files.isRegularFile(directory.resolve(name)) ? directory.resolve(name).toString()
                : "the built-in mail/" + name;
    }

    private static <R extends AbstractConfigurableTemplateResolver> R configure(R resolver, String prefix) {
        resolver.setPrefix(prefix);
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setTextTemplateModePatterns(Set.of("*.txt"));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        return resolver;
    }
}
