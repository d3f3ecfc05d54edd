package ai.kubiya.secretaudit.notify;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code audit.mail.*}.
 *
 * @param fallbackRecipient receives the findings of owners that cannot be mailed; unset → they are listed as unroutable
 * @param allowedDomains    recipient domains that may be mailed; empty → all
 * @param remindEvery       an unchanged reminder is sent again after this long (measured in as-of time)
 */
@Validated
@ConfigurationProperties(prefix = "audit.mail")
public record MailProperties(
        @NotBlank String from,
        String replyTo,
        List<String> auditors,
        String fallbackRecipient,
        List<String> allowedDomains,
        @NotNull Duration remindEvery) {

    public MailProperties {
        auditors = auditors == null ? List.of() : List.copyOf(auditors);
        allowedDomains = allowedDomains == null ? List.of() : List.copyOf(allowedDomains);
    }
}
