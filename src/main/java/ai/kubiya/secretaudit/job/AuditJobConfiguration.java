package ai.kubiya.secretaudit.job;

import ai.kubiya.secretaudit.notify.OutboxRepository;
import ai.kubiya.secretaudit.run.RunContext;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.MDC;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires {@code secretRotationAuditJob}: evaluate (chunked, streaming) → check the inventory (the shrink guard, the
 * required secrets, the run's counts) → then two flows at once: track lifecycle | queue owner reminders → send them
 * → send their Slack and Teams messages → and once both have ended, write the auditor workbook (so it records what
 * was delivered, and the lifecycle) → send it to the auditors → finish. The logic lives in plain classes; this only
 * wires. The evaluate step, with its reader, processor and writer, is wired in {@link EvaluateStepConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class AuditJobConfiguration {

    static final String JOB_NAME = "secretRotationAuditJob";
    static final String FLOW_THREADS = "audit-flow-";

    /**
     * The lifecycle keeps PostgreSQL busy on one core while this process waits (9.2 s at 1,000,000 secrets), and the
     * owner reminders keep this process busy composing workbooks and MIME (22.0 s) while PostgreSQL mostly waits: on
     * 2 cores they overlap. They are independent: the reminders read each finding's status and owner, which the
     * lifecycle does not change, and the lifecycle writes nothing a reminder reads (AuditRunSteps#trackLifecycle).
     * Spring Batch waits for both flows, whatever either ends with, before the auditor workbook; a flow that fails
     * fails the job after the other has ended, and a restart runs only the steps that did not complete.
     */
    @Bean
    Job secretRotationAuditJob(JobRepository jobRepository, Step evaluateSecretsStep, Step checkInventoryStep,
                               Step trackLifecycleStep, Step queueOwnerRemindersStep, Step sendOwnerRemindersStep,
                               Step sendSlackRemindersStep, Step sendTeamsRemindersStep, Step writeAuditWorkbookStep,
                               Step sendAuditorWorkbookStep, Step finishRunStep, AuditRunListener listener) {
        Flow lifecycle = new FlowBuilder<SimpleFlow>("lifecycleFlow").start(trackLifecycleStep).build();
        Flow reminders = new FlowBuilder<SimpleFlow>("ownerRemindersFlow")
                .start(queueOwnerRemindersStep)
                .next(sendOwnerRemindersStep)
                .next(sendSlackRemindersStep)
                .next(sendTeamsRemindersStep)
                .build();
        // a split of its own: FlowBuilder's split after a step runs that step as one more branch of the split
        Flow beside = new FlowBuilder<SimpleFlow>("lifecycleBesideReminders").split(flowThreads())
                .add(lifecycle, reminders)
                .build();
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(listener)
                .flow(evaluateSecretsStep)
                .next(checkInventoryStep)
                .next(beside)
                .next(writeAuditWorkbookStep)
                .next(sendAuditorWorkbookStep)
                .next(finishRunStep)
                .end()
                .build();
    }

    /**
     * One thread per flow, named for the log's thread field ({@code audit-flow-1}), daemon as the run's own thread
     * is (an abandoned run must not keep the JVM alive), and carrying the launching thread's MDC.
     */
    static SimpleAsyncTaskExecutor flowThreads() {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(FLOW_THREADS);
        executor.setDaemon(true);
        executor.setTaskDecorator(task -> {
            Map<String, String> context = MDC.getCopyOfContextMap();
            return () -> {
                if (context != null) {
                    MDC.setContextMap(context);
                }
                try {
                    task.run();
                } finally {
                    MDC.clear();
                }
            };
        });
        return executor;
    }

    /** Not chunked: a shrunk inventory fails it in one rollback, and {@code --accept-shrink} restarts just it. */
    @Bean
    Step checkInventoryStep(JobRepository jobRepository, PlatformTransactionManager tx, AuditRunSteps steps,
                            StepTimingListener timing) {
        return runStep("checkInventoryStep", jobRepository, tx, timing, steps::checkInventory);
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
