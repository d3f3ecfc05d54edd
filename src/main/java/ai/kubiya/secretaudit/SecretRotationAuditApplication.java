package ai.kubiya.secretaudit;

import ai.kubiya.secretaudit.cli.AuditCommandLine;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Secret Rotation Audit: {@code java -jar secret-rotation-audit.jar run|runs|…}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SecretRotationAuditApplication {

    public static void main(String[] args) {
        ProviderLookups.pin();
        System.exit(AuditCommandLine.execute(args));
    }
}
