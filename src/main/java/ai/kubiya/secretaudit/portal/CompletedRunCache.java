package ai.kubiya.secretaudit.portal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.LongFunction;

/**
 * What a run page shows of a whole completed run, computed once per run and then served from memory. The run page
 * aggregates every finding of the run (counts, the Summary sheet's tables, changes): 3.1 s at 1,000,000 findings, on
 * every visit, so 40 auditors opening it every few pages kept both cores busy (docs/performance.md#the-portal-under-load).
 * A completed run's rows no longer change (a run writes only its own rows, and only before it completes; retention
 * removes whole runs, whose pages are then 404 before this is asked), so its aggregates never go stale. Auditors
 * asking for the same run at once wait for the one computation instead of each starting their own; a failed
 * computation is not kept. Holds the latest {@code capacity} runs asked for (a few hundred rows each).
 */
final class CompletedRunCache<T> {

    private final LongFunction<T> compute;
    private final Map<Long, FutureTask<T>> runs;

    CompletedRunCache(int capacity, LongFunction<T> compute) {
        this.compute = compute;
        this.runs = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, FutureTask<T>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The run's aggregates: computed by the first caller, waited for by the others. */
    T get(long runId) {
        FutureTask<T> task;
        boolean first = false;
        synchronized (runs) {
            task = runs.get(runId);
            if (task == null) {
                task = new FutureTask<>(() -> compute.apply(runId));
                runs.put(runId, task);
                first = true;
            }
        }
        if (first) {
            task.run();
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            forget(runId, task);
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the run's aggregates were computed", e);
        }
    }

    private void forget(long runId, FutureTask<T> task) {
        synchronized (runs) {
            runs.remove(runId, task);
        }
    }
}
