package ai.kubiya.secretaudit.job;

import ai.kubiya.secretaudit.notify.OutboxRepository;
import ai.kubiya.secretaudit.run.RunContext;
import java.util.function.Consumer;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires {@code secretRotationAuditJob}: evaluate (chunked, streaming) → track lifecycle → queue owner
 * reminders → send them → send their Slack and Teams messages → write the auditor workbook (so it records what was delivered) → send it to the
 * auditors → finish. The logic lives in plain classes; this only wires. The evaluate step, with its reader, processor
 * and writer, is wired in {@link EvaluateStepConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class AuditJobConfiguration {

    static final String JOB_NAME = "secretRotationAuditJob";

    @Bean
    Job secretRotationAuditJob(JobRepository jobRepository, Step evaluateSecretsStep, Step trackLifecycleStep,
                               Step queueOwnerRemindersStep, Step sendOwnerRemindersStep,
                               Step sendSlackRemindersStep, Step sendTeamsRemindersStep, Step writeAuditWorkbookStep,
                               Step sendAuditorWorkbookStep, Step finishRunStep, AuditRunListener listener) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(listener)
                .start(evaluateSecretsStep)
                .next(trackLifecycleStep)
                .next(queueOwnerRemindersStep)
                .next(sendOwnerRemindersStep)
                .next(sendSlackRemindersStep)
                .next(sendTeamsRemindersStep)
                .next(writeAuditWorkbookStep)
                .next(sendAuditorWorkbookStep)
                .next(finishRunStep)
                .build();
    }

    @Bean
    Step trackLifecycleStep(JobRepository jobRepository, PlatformTransactionManager tx, AuditRunSteps steps,
                            StepTimingListener timing) {
        return runStep("trackLifecycleStep", jobRepository, tx, timing, steps::trackLifecycle);
    }

    @Bean
    Step queueOwnerRemindersStep(JobRepository jobRepository, PlatformTransactionManager tx, AuditRunSteps steps,
                                 StepTimingListener timing) {
        return runStep("queueOwnerRemindersStep", jobRepository, tx, timing, steps::queueOwnerReminders);
    }

    @Bean
    Step writeAuditWorkbookStep(JobRepository jobRepository, PlatformTransactionManager tx, AuditRunSteps steps,
                                StepTimingListener timing) {
        return runStep("writeAuditWorkbookStep", jobRepository, tx, timing, run -> {
            try {
                steps.writeAuditWorkbook(run);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot write the auditor workbook", e);
            }
        });
    }

    /**
     * Sending is deliberately not one transaction: each message's SENT mark commits on its own right after
     * the send, so a crash mid-way resends at most the one message in flight.
     */
    @Bean
    Step sendOwnerRemindersStep(JobRepository jobRepository, AuditRunSteps steps, StepTimingListener timing) {
        return runStep("sendOwnerRemindersStep", jobRepository, new ResourcelessTransactionManager(), timing,
                steps::sendOwnerReminders);
    }

    /** One chat kind per step, as for emails: the attempt limit counts runs. Not configured: the step does nothing. */
    @Bean
    Step sendSlackRemindersStep(JobRepository jobRepository, AuditRunSteps steps, StepTimingListener timing) {
        return runStep("sendSlackRemindersStep", jobRepository, new ResourcelessTransactionManager(), timing,
                context -> steps.sendChat(context, OutboxRepository.Kind.SLACK_REMINDER));
    }

    @Bean
    Step sendTeamsRemindersStep(JobRepository jobRepository, AuditRunSteps steps, StepTimingListener timing) {
        return runStep("sendTeamsRemindersStep", jobRepository, new ResourcelessTransactionManager(), timing,
                context -> steps.sendChat(context, OutboxRepository.Kind.TEAMS_REMINDER));
    }

    @Bean
    Step sendAuditorWorkbookStep(JobRepository jobRepository, AuditRunSteps steps, StepTimingListener timing) {
        return runStep("sendAuditorWorkbookStep", jobRepository, new ResourcelessTransactionManager(), timing,
                steps::sendAuditorWorkbook);
    }

    @Bean
    Step finishRunStep(JobRepository jobRepository, PlatformTransactionManager tx, AuditRunSteps steps,
                       StepTimingListener timing) {
        return runStep("finishRunStep", jobRepository, tx, timing, steps::finish);
    }

    private static Step runStep(String name, JobRepository jobRepository, PlatformTransactionManager tx,
                                StepTimingListener timing, Consumer<RunContext> action) {
        return new StepBuilder(name, jobRepository)
                .listener(timing)
                .tasklet((contribution, context) -> {
                    action.accept(RunContext.from(context.getStepContext().getStepExecution().getJobParameters()));
                    return RepeatStatus.FINISHED;
                }, tx)
                .build();
    }
}
