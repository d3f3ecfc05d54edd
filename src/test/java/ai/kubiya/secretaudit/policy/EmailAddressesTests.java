package ai.kubiya.secretaudit.policy;

import static ai.kubiya.secretaudit.support.SecretBuilder.okSecretAsOf;
import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.support.BadOwnerAddresses;
import ai.kubiya.secretaudit.support.OwnerAddressSpec;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

/**
 * The one owner-address parser (issue 12): what it refuses and why, what it keeps exactly as written, and that
 * the METADATA rule judges owners by it.
 */
class EmailAddressesTests {

    static final Instant AS_OF = Instant.parse("2026-03-01T00:00:00Z");

    static Stream<BadOwnerAddresses.Case> badAddresses() {
        return BadOwnerAddresses.CASES.stream();
    }

    @ParameterizedTest
    @MethodSource("badAddresses")
    void anAddressJakartaMailWouldRefuseOrReadAsAnotherIsRefusedWithTheFlawNamed(BadOwnerAddresses.Case bad) {
        // when
        EmailAddresses.Parsed parsed = EmailAddresses.parse(bad.address());

        // then
        assertThat(parsed.isValid()).isFalse();
        assertThat(parsed.address()).isNull();
        assertThat(parsed.problem()).isEqualTo(bad.problem()).doesNotContain("@").doesNotContain("acme");
        assertThat(EmailAddresses.isValid(bad.address())).isFalse();
        assertThat(OwnerAddressSpec.isUsable(bad.address())).as("the restated rule agrees").isFalse();
    }

    @ParameterizedTest
    @FieldSource("ai.kubiya.secretaudit.support.BadOwnerAddresses#GOOD")
    void aPlainMailboxIsKeptExactlyAsWritten(String good) {
        // when
        EmailAddresses.Parsed parsed = EmailAddresses.parse(good);

        // then
        assertThat(parsed.problem()).isNull();
        InternetAddress address = parsed.address();
        assertThat(address.getAddress()).isEqualTo(good);
        assertThat(address.toString()).isEqualTo(good);
        assertThat(address.getPersonal()).isNull();
        assertThat(address.isGroup()).isFalse();
        assertThat(parsed.domain()).isEqualTo(good.substring(good.indexOf('@') + 1).toLowerCase());
        assertThat(OwnerAddressSpec.isUsable(good)).as("the restated rule agrees").isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void noAddressIsNotAValidOne(String none) {
        assertThat(EmailAddresses.parse(none).problem()).isEqualTo("empty");
    }

    @Test
    void changingAParsedAddressDoesNotChangeWhatTheNextParseReturns() {
        // given: parses are shared
        EmailAddresses.parse("alice@acme.example").address().setAddress("evil@evil.test");

        // when
        InternetAddress again = EmailAddresses.parse("alice@acme.example").address();

        // then
        assertThat(again.getAddress()).isEqualTo("alice@acme.example");
    }

    @Test
    void theMetadataRuleRefusesExactlyTheOwnersTheParserRefuses() {
        RuleEvaluator evaluator = new RuleEvaluator(RotationPolicy.defaults());
        for (String bad : BadOwnerAddresses.ALL) {
            assertThat(evaluator.evaluate(okSecretAsOf(AS_OF).createdBy(bad).build(), AS_OF).findings())
                    .as("owner %s", bad.replaceAll("\\p{Cntrl}", "?"))
                    .singleElement().extracting(Finding::rule).isEqualTo(Rule.METADATA);
        }
        for (String good : BadOwnerAddresses.GOOD) {
            assertThat(evaluator.evaluate(okSecretAsOf(AS_OF).createdBy(good).build(), AS_OF).findings())
                    .as("owner %s", good).isEmpty();
        }
    }
}
