package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.InvalidConfigurationException;
import ai.kubiya.secretaudit.PreflightBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.thymeleaf.exceptions.TemplateEngineException;
import org.thymeleaf.exceptions.TemplateProcessingException;

/**
 * Pure: the pre-flight builds it too, so a template that does not parse or render stops a command before the
 * database starts (exit 2), naming the file, rather than failing every owner's email at 2 a.m.
 */
@PreflightBean
@Configuration(proxyBeanMethods = false)
class ReminderTemplatesConfiguration {

    private static final String KEY = "audit.mail.templates-dir: ";

    @Bean
    ReminderTemplates reminderTemplates(MailProperties mail) {
        return checked(mail.templatesDir(), mail.advice());
    }

    /** The templates of {@code directory} (null: the built-in ones), each rendered once with a sample. */
    static ReminderTemplates checked(Path directory, GuidanceProperties guidance) {
        if (directory != null && !Files.isDirectory(directory)) {
            throw new InvalidConfigurationException(KEY + directory + " is not a directory");
        }
        ReminderTemplates templates = new ReminderTemplates(directory);
        OwnerReminder sample = new OwnerReminder(new OwnerGuidance(guidance), templates);
        for (String name : ReminderTemplates.NAMES) {
            try {
                sample.renderSample(name);
            } catch (TemplateEngineException e) {
                // the position only: Thymeleaf's message may quote the template's text
                throw new InvalidConfigurationException(KEY + templates.origin(name) + " cannot be used"
                        + position(e) + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        return templates;
    }

    private static String position(TemplateEngineException e) {
        if (e instanceof TemplateProcessingException processing && processing.getLine() != null) {
            return " at line " + processing.getLine() + ", column " + processing.getCol();
        }
        return "";
    }
}
