package ai.kubiya.secretaudit.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The download throttle's schedule, on a clock that only moves when a download sleeps or the test says so. */
class TokenBucketTests {

    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final List<Long> sleeps = new ArrayList<>();
    private final TokenBucket.Sleeper sleeper = nanos -> {
        sleeps.add(nanos);
        clock.addAndGet(nanos);
    };

    @Test
    void theFirstSliceGoesAtOnceAndEachNextWaitsForThePreviousOnesTimeAtTheRate() throws Exception {
        TokenBucket bucket = new TokenBucket(1_000_000, clock::get, sleeper); // 1 MB/s: 64 KiB take 65.536 ms

        bucket.take(65_536);
        bucket.take(65_536);
        bucket.take(65_536);

        assertThat(sleeps).containsExactly(65_536_000L, 65_536_000L);
    }

    @Test
    void downloadsTogetherShareOneRate() {
        TokenBucket bucket = new TokenBucket(64 * 1024 * 10, clock::get, sleeper); // ten slices a second
        List<Long> waits = new ArrayList<>();
        for (int slice = 0; slice < 30; slice++) { // three downloads asking in turn, nobody sleeping yet
            waits.add(bucket.reserve(64 * 1024));
        }

        assertThat(waits.get(29)).isEqualTo(2_900 * MS); // 30 slices take 3 s, whoever asked
    }

    @Test
    void anIdleBucketSavesNothingUpSoABurstAfterAPauseIsPacedToo() throws Exception {
        TokenBucket bucket = new TokenBucket(1_000_000, clock::get, sleeper);
        bucket.take(500_000);
        clock.addAndGet(60_000 * MS); // a minute without a download

        bucket.take(500_000);
        bucket.take(500_000);

        assertThat(sleeps).containsExactly(500 * MS);
    }

    @Test
    void aDownloadWhoseThreadIsInterruptedWhileWaitingStopsWithAnIoError() {
        TokenBucket bucket = new TokenBucket(1, clock::get, nanos -> {
            throw new InterruptedException();
        });
        bucket.reserve(1);

        assertThatThrownBy(() -> bucket.take(1)).isInstanceOf(java.io.InterruptedIOException.class);
        assertThat(Thread.interrupted()).isTrue();
    }

    @Test
    void aPacedStreamTakesSlicesOf64KiBOnlyWhileARunWritesAndPassesEveryByteOn() throws Exception {
        TokenBucket bucket = new TokenBucket(64 * 1024, clock::get, sleeper); // a slice a second
        boolean[] running = {true};
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        OutputStream paced = new DownloadThrottle(bucket, () -> running[0]).paced(sent);

        paced.write(new byte[3 * 64 * 1024 + 1]);
        running[0] = false;
        paced.write(new byte[10 * 64 * 1024]);

        assertThat(sleeps).containsExactly(1_000 * MS, 1_000 * MS, 1_000 * MS);
        assertThat(sent.size()).isEqualTo(13 * 64 * 1024 + 1);
    }

    @Test
    void noRateMeansTheStreamIsNotWrapped() {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();

        assertThat(new DownloadThrottle(null, () -> true).paced(sent)).isSameAs(sent);
    }
}
