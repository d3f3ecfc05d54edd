package ai.kubiya.secretaudit.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompletedRunCacheTests {

    @Test
    void fiftyAuditorsOpeningTheSameRunAtOnceWaitForOneComputation() throws Exception {
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch everyoneAsked = new CountDownLatch(1);
        CompletedRunCache<String> cache = new CompletedRunCache<>(4, run -> {
            computed.incrementAndGet();
            await(everyoneAsked); // still computing while the others ask
            return "totals of run " + run;
        });
        ExecutorService auditors = Executors.newFixedThreadPool(50);
        try {
            List<Future<String>> pages = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                pages.add(auditors.submit(() -> cache.get(7)));
            }
            Thread.sleep(200);
            everyoneAsked.countDown();
            for (Future<String> page : pages) {
                assertThat(page.get(10, TimeUnit.SECONDS)).isEqualTo("totals of run 7");
            }
        } finally {
            auditors.shutdownNow();
        }
        assertThat(computed).hasValue(1);
    }

    @Test
    void aComputationThatFailedIsNotKeptAndTheNextVisitTriesAgain() {
        AtomicInteger attempts = new AtomicInteger();
        CompletedRunCache<String> cache = new CompletedRunCache<>(4, run -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("database went away");
            }
            return "totals";
        });

        assertThatThrownBy(() -> cache.get(1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("database went away");
        assertThat(cache.get(1)).isEqualTo("totals");
        assertThat(cache.get(1)).isEqualTo("totals");
        assertThat(attempts).hasValue(2);
    }

    @Test
    void onlyTheLatestRunsAskedForAreKept() {
        List<Long> computed = new ArrayList<>();
        CompletedRunCache<Long> cache = new CompletedRunCache<>(2, run -> {
            computed.add(run);
            return run;
        });

        cache.get(1);
        cache.get(2);
        cache.get(1); // kept; now run 2 is the eldest
        cache.get(3); // run 2 goes
        cache.get(1);
        cache.get(2);

        assertThat(computed).containsExactly(1L, 2L, 3L, 2L);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
