package ai.kubiya.secretaudit.notify;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The owner-mail pipeline's threads: named for thread dumps, and waited for with their own failure rethrown. */
final class PipelineThreads {

    /** Operators filter on this name: the warning was the notifier's before the pipeline was its own class. */
    private static final Logger log = LoggerFactory.getLogger(OwnerNotifier.class);
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private PipelineThreads() {
    }

    /** Daemon threads: a pool left behind by a failure never keeps the JVM from exiting. */
    static ThreadFactory named(String prefix) {
        return task -> {
            Thread thread = new Thread(task, prefix + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The stage's result, or what it threw, as it threw it. */
    static <T> T await(Future<T> work) {
        try {
            return work.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing owner emails", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    static void awaitTermination(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(5, TimeUnit.MINUTES)) {
                log.warn("An owner email was still being stored or delivered after 5 minutes; the run goes on"
                        + " without it");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
