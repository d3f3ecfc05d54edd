package ai.kubiya.secretaudit.run;

import ai.kubiya.secretaudit.policy.PolicyVersion;
import ai.kubiya.secretaudit.schedule.RunLock;
import ai.kubiya.secretaudit.source.SecretSources;
import java.time.Clock;
import java.time.Instant;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Component;

/** Starts one audit run under the run lock: records it in {@code audit_run}, then runs the job to its end. */
@Component
public class AuditRunLauncher {

    private final JobOperator jobOperator;
    private final Job secretRotationAuditJob;
    private final AuditRunRepository runs;
    private final RunLock lock;
    private final SecretSources sources;
    private final PolicyVersion policyVersion;
    private final String appVersion;
    private final Clock clock;

    AuditRunLauncher(JobOperator jobOperator, Job secretRotationAuditJob, AuditRunRepository runs, RunLock lock,
                     SecretSources sources, PolicyVersion policyVersion, ObjectProvider<BuildProperties> build,
                     Clock clock) {
        this.jobOperator = jobOperator;
        this.secretRotationAuditJob = secretRotationAuditJob;
        this.runs = runs;
        this.lock = lock;
        this.sources = sources;
        this.policyVersion = policyVersion;
        BuildProperties properties = build.getIfAvailable();
        this.appVersion = properties == null ? "dev" : properties.getVersion();
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException          when the source is not a valid source value
     * @throws RunLock.RunInProgressException when another run holds the lock
     */
    public AuditRun launch(Instant asOf, String source, boolean dryRun) throws Exception {
        sources.resolve(source);
        try (RunLock.Held held = lock.acquire()) {
            long runId = runs.create(asOf, source, dryRun, policyVersion.id(), policyVersion.description(),
                    appVersion, clock.instant());
            JobParameters parameters = new JobParametersBuilder()
                    .addLong("runId", runId)
                    .addString("asOf", asOf.toString())
                    .addString("source", source)
                    .addString("dryRun", Boolean.toString(dryRun))
                    .toJobParameters();
            jobOperator.start(secretRotationAuditJob, parameters);
            return runs.find(runId).orElseThrow();
        }
    }
}
