package ai.kubiya.secretaudit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.notify.OutboxRepository.LastReminder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * The remind-every boundary, at one-second resolution: an unchanged reminder is due again exactly when at least
 * {@code remind-every} of as-of time lies between the last reminder and this run, whatever the period; a
 * changed one always is.
 */
class ReminderCadencePropertyTests {

    static final Instant AS_OF = Instant.parse("2026-11-26T00:00:00Z");
    static final String FINGERPRINT = "a".repeat(64);

    @Property(tries = 2000)
    void anUnchangedReminderIsDueExactlyFromRemindEveryOn(
            @ForAll @LongRange(min = 1, max = 400L * 86_400) long remindEverySeconds,
            @ForAll @LongRange(min = -3, max = 3) long secondsFromBoundary) {
        Duration remindEvery = Duration.ofSeconds(remindEverySeconds);
        Duration sinceLast = remindEvery.plusSeconds(secondsFromBoundary);
        LastReminder last = new LastReminder(FINGERPRINT, AS_OF.minus(sinceLast));

        boolean due = ReminderCadence.due(Optional.of(last), FINGERPRINT, AS_OF, remindEvery);

        assertThat(due).as("%s since the last reminder, remind-every %s", sinceLast, remindEvery)
                .isEqualTo(secondsFromBoundary >= 0);
    }

    @Property(tries = 500)
    void aChangedReminderIsDueHoweverRecentTheLastOne(
            @ForAll @LongRange(min = 1, max = 400L * 86_400) long remindEverySeconds,
            @ForAll @LongRange(min = -86_400, max = 400L * 86_400) long sinceLastSeconds) {
        LastReminder last = new LastReminder("b".repeat(64), AS_OF.minusSeconds(sinceLastSeconds));

        assertThat(ReminderCadence.due(Optional.of(last), FINGERPRINT, AS_OF, Duration.ofSeconds(remindEverySeconds)))
                .isTrue();
    }
}
