package ai.kubiya.secretaudit.notify;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.mail.templates-dir}: a directory whose {@code owner-reminder.subject.txt}, {@code owner-reminder.html}
 * and {@code owner-reminder.txt} replace the built-in templates of the same name (docs/owners.md#your-own-templates).
 *
 * @param templatesDir unset → the built-in templates
 */
@ConfigurationProperties(prefix = "audit.mail")
record ReminderTemplateProperties(Path templatesDir) {
}
