package ai.kubiya.secretaudit.job;

import ai.kubiya.secretaudit.finding.EvaluationWriter;
import ai.kubiya.secretaudit.policy.Evaluation;
import ai.kubiya.secretaudit.policy.PolicyVersion;
import ai.kubiya.secretaudit.policy.RuleEvaluator;
import ai.kubiya.secretaudit.policy.Waivers;
import ai.kubiya.secretaudit.run.AuditProperties;
import ai.kubiya.secretaudit.run.RunContext;
import ai.kubiya.secretaudit.run.SecretSources;
import ai.kubiya.secretaudit.source.SecretItemReader;
import ai.kubiya.secretaudit.source.SecretMetadata;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The evaluate step and its reader, processor and writer, each built per step execution from the run's context.
 * Only the wiring lives together here: the reader stays in {@code source} (it turns the source's aborted reads into
 * a stop) and the writer in {@code finding} (it is the storage format, which the benchmarks drive directly).
 */
@Configuration(proxyBeanMethods = false)
class EvaluateStepConfiguration {

    @Bean
    Step evaluateSecretsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             AuditProperties properties, SecretItemReader secretReader,
                             EvaluateSecretProcessor evaluateSecretProcessor, EvaluationWriter evaluationWriter,
                             StepTimingListener timing) {
        return new StepBuilder("evaluateSecretsStep", jobRepository)
                .listener(timing)
                .<SecretMetadata, Evaluation>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(secretReader)
                .processor(evaluateSecretProcessor)
                .writer(evaluationWriter)
                .build();
    }

    @Bean
    @StepScope
    SecretItemReader secretReader(SecretSources sources, StepMeters meters,
                                  @Value("#{stepExecution}") StepExecution step) {
        RunContext run = RunContext.from(step.getJobParameters());
        SecretItemReader reader = new SecretItemReader(sources.resolve(run.source()), run.asOf());
        meters.watch(reader);
        return reader;
    }

    @Bean
    @StepScope
    EvaluateSecretProcessor evaluateSecretProcessor(RuleEvaluator evaluator, Waivers waivers,
                                                    @Value("#{stepExecution}") StepExecution step) {
        return new EvaluateSecretProcessor(evaluator, waivers, RunContext.from(step.getJobParameters()).asOf());
    }

    @Bean
    @StepScope
    EvaluationWriter evaluationWriter(DataSource dataSource, PolicyVersion policyVersion,
                                      @Value("#{stepExecution}") StepExecution step) {
        RunContext run = RunContext.from(step.getJobParameters());
        return new EvaluationWriter(dataSource, run.runId(), policyVersion.id(), run.asOf());
    }
}
