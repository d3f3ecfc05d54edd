package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.kubiya.secretaudit.portal.PortalProperties;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** {@code serve}'s pre-flight: what it refuses before PostgreSQL starts, each one line and exit code 2. */
class ServeCommandTests {

    static final PortalProperties AUDITORS =
            new PortalProperties(8080, "groups", List.of("audit"), List.of(), 100, 20_000, false);

    @Test
    void serveWithoutTheSignInKeysExitsWith2NamingTheFirstMissingKeyAndItsVariable() {
        StringWriter err = new StringWriter();

        int exit = AuditCommandLine.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "serve");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("error: serve needs"
                + " spring.security.oauth2.client.registration.audit.client-id"
                + " (environment SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_AUDIT_CLIENTID)");
    }

    @Test
    void aMissingSecretOrIssuerIsNamedAsWell() {
        assertThatThrownBy(() -> ServeCommand.check(keys("https://id.acme.example").withProperty(
                ServeCommand.REGISTRATION + "client-secret", ""), AUDITORS))
                .hasMessageContaining("client-secret");
        assertThatThrownBy(() -> ServeCommand.check(keys(" "), AUDITORS)).hasMessageContaining("issuer-uri");
    }

    @Test
    void anIssuerOverPlainHttpIsRefusedUnlessOnThisMachine() {
        assertThatThrownBy(() -> ServeCommand.check(keys("http://id.acme.example/realms/audit"), AUDITORS))
                .hasMessage(ServeCommand.ISSUER_URI + " must be an https URL (http only for localhost)");
        ServeCommand.check(keys("http://localhost:9000/acme"), AUDITORS);
        ServeCommand.check(keys("https://id.acme.example/realms/audit"), AUDITORS);
    }

    @Test
    void anIssuerThatIsNoUrlIsNamedWithoutQuotingIt() {
        assertThatThrownBy(() -> ServeCommand.check(keys("https://id acme^secret"), AUDITORS))
                .hasMessage(ServeCommand.ISSUER_URI + " is not a URL");
    }

    @Test
    void noGroupAtAllIsRefusedBecauseNobodyCouldSeeAnything() {
        PortalProperties none = new PortalProperties(8080, "groups", List.of(), List.of(" "), 100, 20_000, false);

        assertThatThrownBy(() -> ServeCommand.check(keys("https://id.acme.example"), none))
                .hasMessageContaining("audit.portal.auditor-groups and audit.portal.owner-groups are both empty");
    }

    private static MockEnvironment keys(String issuer) {
        return new MockEnvironment().withProperty(ServeCommand.REGISTRATION + "client-id", "portal")
                .withProperty(ServeCommand.REGISTRATION + "client-secret", "s3cret")
                .withProperty(ServeCommand.ISSUER_URI, issuer);
    }
}
