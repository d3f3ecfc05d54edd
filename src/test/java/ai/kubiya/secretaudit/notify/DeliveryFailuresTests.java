package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.net.SocketTimeoutException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/**
 * Permanent or worth retrying, on the exceptions Jakarta Mail and Angus really throw (built as their
 * {@code SMTPTransport} builds them): a permanent failure is never tried again, a temporary one up to
 * {@code audit.mail.max-attempts} runs.
 */
class DeliveryFailuresTests {

    static final InternetAddress BOB = address("bob@acme.example");

    @Test
    void aFiveHundredForTheRecipientIsPermanent() {
        SMTPAddressFailedException reply = new SMTPAddressFailedException(BOB, "RCPT TO:<bob@acme.example>", 550,
                "550 5.1.1 <bob@acme.example>: Recipient address rejected: User unknown");

        assertThat(DeliveryFailures.isPermanent(invalidAddresses(reply, new Address[0], new Address[] {BOB}))).isTrue();
    }

    @Test
    void aFourHundredForTheRecipientIsWorthRetrying() {
        SMTPAddressFailedException reply = new SMTPAddressFailedException(BOB, "RCPT TO:<bob@acme.example>", 451,
                "451 4.7.1 greylisted, try again later");

        assertThat(DeliveryFailures.isPermanent(invalidAddresses(reply, new Address[] {BOB}, new Address[0])))
                .isFalse();
    }

    @Test
    void aConnectionDroppedAtTheRecipientIsWorthRetrying() {
        // Angus, when the server closes the connection after RCPT TO: no reply code, no address left unsent
        SMTPAddressFailedException eof = new SMTPAddressFailedException(BOB, "RCPT TO:<bob@acme.example>", -1,
                "[EOF]");

        assertThat(DeliveryFailures.isPermanent(invalidAddresses(eof, new Address[0], new Address[] {BOB})))
                .isFalse();
    }

    @Test
    void aFiveHundredForTheMessageIsPermanentAndAFourHundredIsNot() {
        assertThat(DeliveryFailures.isPermanent(new SMTPSendFailedException("DATA", 554, "554 5.6.0 rejected",
                null, null, null, null))).isTrue();
        assertThat(DeliveryFailures.isPermanent(new SMTPSendFailedException("DATA", 452, "452 4.3.1 no space",
                null, null, null, null))).isFalse();
    }

    @Test
    void anAddressJakartaMailRefusesItselfIsPermanent() {
        // reading a stored header back, or checking an address before any command is sent
        assertThat(DeliveryFailures.isPermanent(new MessagingException("cannot send",
                new AddressException("Illegal address")))).isTrue();
        // SMTPTransport's own refusals: no server reply, no address left worth trying
        assertThat(DeliveryFailures.isPermanent(new SendFailedException("No recipient addresses"))).isTrue();
        assertThat(DeliveryFailures.isPermanent(new SendFailedException("Invalid Addresses", null, null, null,
                new Address[] {BOB}))).isTrue();
    }

    @Test
    void aConnectionThatFailsOrStallsIsWorthRetrying() {
        assertThat(DeliveryFailures.isPermanent(new MessagingException("Exception reading response",
                new SocketTimeoutException("Read timed out")))).isFalse();
        assertThat(DeliveryFailures.isPermanent(new MessagingException("Can't send command to SMTP host",
                new IOException("Connection reset")))).isFalse();
        assertThat(DeliveryFailures.isPermanent(new TransportUnavailableException("cannot connect",
                new IOException("Connection refused")))).isFalse();
    }

    /** As {@code SMTPTransport.rcptTo} throws it: the server's reply chained, the addresses sorted by outcome. */
    private static SendFailedException invalidAddresses(SMTPAddressFailedException reply, Address[] validUnsent,
                                                        Address[] invalid) {
        return new SendFailedException("Invalid Addresses", reply, new Address[0], validUnsent, invalid);
    }

    private static InternetAddress address(String address) {
        try {
            return new InternetAddress(address, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
