package ai.kubiya.secretaudit.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * When the {@code daemon} (the only web application) starts, its gauges take the latest run's values from the
 * database: held in memory per process, they would otherwise be empty until this process runs an audit itself, and
 * in a cluster, where Quartz fires each schedule on one daemon only, the others would never show a run. Step
 * durations are the one series left out until this process runs one: they are not in the run's tables.
 */
@Component
@ConditionalOnWebApplication
class LatestRunMetrics implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(LatestRunMetrics.class);

    private final RunSnapshots snapshots;
    private final RunMetrics metrics;

    LatestRunMetrics(RunSnapshots snapshots, RunMetrics metrics) {
        this.snapshots = snapshots;
        this.metrics = metrics;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        recordLatest();
    }

    void recordLatest() {
        try {
            snapshots.latest().ifPresent(snapshot -> {
                metrics.record(snapshot);
                log.debug("Metrics show run {}, the latest in the database", snapshot.run().id());
            });
        } catch (Exception e) {
            log.warn("Metrics of the latest run not read at start: {}", e.getMessage());
        }
    }
}
