package ai.kubiya.secretaudit.job;

import static org.assertj.core.api.Assertions.assertThat;

import ai.kubiya.secretaudit.support.TestFiles;
import ai.kubiya.secretaudit.support.TestMail;
import com.icegreen.greenmail.util.GreenMail;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * The split starts the lifecycle's step and the first reminder step at the same moment, each flow creating its step
 * execution in the job repository. Spring Batch creates them in SERIALIZABLE transactions by default, and PostgreSQL
 * cancels one of two such transactions that touch the same job execution ("could not serialize access due to
 * read/write dependencies"): a run of 1,000,000 secrets failed so at the split. Created in READ COMMITTED instead
 * (application.yml), which the run lock makes safe: one run per database at a time.
 */
@SpringBootTest
class SplitStepCreationIntegrationTests {

    static final GreenMail SMTP = TestMail.startSmtp();
    static final Path WORK = TestFiles.directory("split-step-creation-it");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestMail.registerRun(registry, SMTP, WORK);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired
    JobRepository jobRepository;

    @Test
    void theJobRepositoryCreatesExecutionsInReadCommittedNotSerializableTransactions() throws Exception {
        TransactionAttribute creating = attributeOf(JobRepository.class.getMethod("createStepExecution", String.class,
                JobExecution.class));

        assertThat(creating.getIsolationLevel()).isEqualTo(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    @Test
    void twoFlowsCreatingTheirStepsAtTheSameMomentBothSucceed() throws Exception {
        List<String> failures = new ArrayList<>();
        for (int run = 0; run < 10; run++) {
            JobParameters parameters = new JobParametersBuilder().addLong("run", (long) run).toJobParameters();
            JobInstance instance = jobRepository.createJobInstance("splitStepCreationJob", parameters);
            JobExecution execution = jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<?> lifecycle = CompletableFuture.runAsync(() -> create(together, "trackLifecycleStep",
                    execution));
            CompletableFuture<?> reminders = CompletableFuture.runAsync(() -> create(together,
                    "queueOwnerRemindersStep", execution));
            for (CompletableFuture<?> flow : List.of(lifecycle, reminders)) {
                try {
                    flow.join();
                } catch (RuntimeException e) {
                    failures.add("run " + run + ": " + e.getCause());
                }
            }
        }

        assertThat(failures).isEmpty();
    }

    /** The transaction the repository's proxy (AbstractJobRepositoryFactoryBean) wraps a method in. */
    private TransactionAttribute attributeOf(Method method) {
        return Arrays.stream(((Advised) jobRepository).getAdvisors())
                .map(Advisor::getAdvice)
                .filter(TransactionInterceptor.class::isInstance)
                .map(advice -> ((TransactionInterceptor) advice).getTransactionAttributeSource())
                .map(source -> source.getTransactionAttribute(method, JobRepository.class))
                .filter(java.util.Objects::nonNull)
                .findFirst().orElseThrow();
    }

    private void create(CyclicBarrier together, String step, JobExecution execution) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        jobRepository.createStepExecution(step, execution);
    }
}
