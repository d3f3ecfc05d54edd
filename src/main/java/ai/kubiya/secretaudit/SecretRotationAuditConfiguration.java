package ai.kubiya.secretaudit;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Spring context every command starts: the components and configuration records of the packages below.
 * Apart from {@link SecretRotationAuditApplication}, which starts the command line, so that {@code cli} can
 * start this context without depending on the class that depends on it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SecretRotationAuditConfiguration {
}
