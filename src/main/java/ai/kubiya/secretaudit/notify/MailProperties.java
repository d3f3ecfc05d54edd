package ai.kubiya.secretaudit.notify;

import ai.kubiya.secretaudit.policy.EmailAddresses;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code audit.mail.*}.
 *
 * @param fallbackRecipient receives the findings of owners that cannot be mailed; unset → they are listed as unroutable
 * @param allowedDomains    recipient domains that may be mailed; empty → all
 * @param remindEvery       an unchanged reminder is sent again after this long (measured in as-of time)
 * @param escalateAfter     findings overdue or expired this long past their due date copy {@code escalationCc}
 * @param auditorAttachmentMaxSize a larger auditor workbook is not attached; its email says how to export it
 * @param maxAttempts       delivery attempts (one per run) before a temporarily failing email is given up
 */
@Validated
@ConfigurationProperties(prefix = "audit.mail")
public record MailProperties(
        @NotBlank String from,
        String replyTo,
        List<String> auditors,
        String fallbackRecipient,
        List<String> allowedDomains,
        @NotNull Duration remindEvery,
        @NotNull Duration escalateAfter,
        List<String> escalationCc,
        @Positive int maxAttempts,
        @NotNull DataSize auditorAttachmentMaxSize) {

    public MailProperties {
        auditors = clean(auditors, "audit.mail.auditors");
        allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
        escalationCc = clean(escalationCc, "audit.mail.escalation-cc");
        // `from` is exempt: its default, secret-audit@localhost, is a fine sender on a local relay
        for (String address : new String[] {replyTo, fallbackRecipient}) {
            if (address != null && !address.isBlank() && !EmailAddresses.isValid(address.strip())) {
                throw new IllegalArgumentException("'" + address + "' in audit.mail is not a valid email address");
            }
        }
    }

    private static List<String> clean(List<String> addresses, String key) {
        if (addresses == null) {
            return List.of();
        }
        List<String> cleaned = addresses.stream().map(String::strip).filter(a -> !a.isEmpty()).toList();
        cleaned.stream().filter(a -> !EmailAddresses.isValid(a)).findFirst().ifPresent(bad -> {
            throw new IllegalArgumentException(key + ": '" + bad + "' is not a valid email address");
        });
        return cleaned;
    }
}
