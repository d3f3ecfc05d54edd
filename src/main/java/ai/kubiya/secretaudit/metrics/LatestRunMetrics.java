package ai.kubiya.secretaudit.metrics;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code daemon}'s gauges (the daemon is the only web application) on the latest run in the database.
 * Held in memory per process, they would otherwise be empty until this process runs an audit itself; and in a
 * cluster, where Quartz fires each schedule on one daemon only, the others would show an older run, or none. So:
 * at start, before the first scrape, and then once a minute (one indexed query), a run this process has not shown
 * is read back. Step durations are left out of such a run: they are not in its tables.
 */
@Component
@ConditionalOnWebApplication
class LatestRunMetrics implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    /** A nightly run shows on every replica within a minute of its end; 1,440 small queries a day per replica. */
    private static final long REFRESH_SECONDS = 60;
    private static final Logger log = LoggerFactory.getLogger(LatestRunMetrics.class);

    private final RunSnapshots snapshots;
    private final RunMetrics metrics;
    private final ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "latest-run-metrics");
        thread.setDaemon(true);
        return thread;
    });

    LatestRunMetrics(RunSnapshots snapshots, RunMetrics metrics) {
        this.snapshots = snapshots;
        this.metrics = metrics;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        recordLatest();
        refresh.scheduleWithFixedDelay(this::recordLatest, REFRESH_SECONDS, REFRESH_SECONDS, TimeUnit.SECONDS);
    }

    void recordLatest() {
        try {
            snapshots.latestEnded().filter(run -> !metrics.shows(run.id()))
                    .map(run -> snapshots.read(run, List.of()))
                    .ifPresent(snapshot -> {
                        if (metrics.recordUnlessShown(snapshot)) {
                            log.debug("Metrics show run {}, the latest in the database", snapshot.run().id());
                        }
                    });
        } catch (Exception e) {
            log.warn("Metrics of the latest run not read: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        refresh.shutdownNow();
    }
}
