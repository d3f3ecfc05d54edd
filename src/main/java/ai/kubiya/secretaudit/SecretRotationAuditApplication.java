package ai.kubiya.secretaudit;

import ai.kubiya.secretaudit.cli.AuditCommandLine;

/**
 * Secret Rotation Audit: {@code java -jar secret-rotation-audit.jar run|runs|…}. The command starts the Spring
 * context it needs ({@link SecretRotationAuditConfiguration}).
 */
public class SecretRotationAuditApplication {

    public static void main(String[] args) {
        ProviderLookups.pin();
        System.exit(AuditCommandLine.execute(args));
    }
}
