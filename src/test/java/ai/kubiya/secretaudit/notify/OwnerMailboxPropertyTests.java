package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

/**
 * The owner key: two ASCII spellings are one mailbox exactly when they are equal ignoring case, which is what
 * PostgreSQL's lower() on the outbox's recipient says too; anything that is not an ASCII letter is kept as written.
 */
class OwnerMailboxPropertyTests {

    @Property(tries = 2000)
    void asciiSpellingsAreOneMailboxExactlyWhenEqualIgnoringCase(
            @ForAll @StringLength(max = 12) @CharRange(from = ' ', to = '~') String a,
            @ForAll @StringLength(max = 12) @Chars({'a', 'A', 'b', 'B', '.', '@'}) String b) {
        for (String other : new String[] {b, a.toUpperCase(Locale.ROOT), a.toLowerCase(Locale.ROOT)}) {
            assertThat(OwnerRouting.mailbox(a).equals(OwnerRouting.mailbox(other)))
                    .as("'%s' and '%s'", a, other).isEqualTo(a.equalsIgnoreCase(other));
        }
        assertThat(OwnerRouting.mailbox(a)).isEqualTo(a.toLowerCase(Locale.ROOT));
    }

    @Property(tries = 1000)
    void onlyAsciiLettersFold(@ForAll @StringLength(max = 12) @CharRange(from = '\u0080', to = '\u024f') String nonAscii) {
        assertThat(OwnerRouting.mailbox(nonAscii)).isEqualTo(nonAscii);
    }
}
