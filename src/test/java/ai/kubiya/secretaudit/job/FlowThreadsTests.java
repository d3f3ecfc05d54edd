package ai.kubiya.secretaudit.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The threads the lifecycle and the owner reminders run on, side by side (AuditJobConfiguration's split). */
class FlowThreadsTests {

    @Test
    void aFlowRunsOnANamedDaemonThreadWithTheLaunchingThreadsMdcAndLeavesNoneBehind() throws Exception {
        CompletableFuture<String> seen = new CompletableFuture<>();
        CompletableFuture<String> after = new CompletableFuture<>();
        MDC.put("run", "7");
        try {
            AuditJobConfiguration.flowThreads().execute(() -> {
                Thread thread = Thread.currentThread();
                seen.complete(thread.getName() + " daemon=" + thread.isDaemon() + " run=" + MDC.get("run"));
            });
        } finally {
            MDC.remove("run");
        }
        AuditJobConfiguration.flowThreads().execute(() -> after.complete("run=" + MDC.get("run")));

        assertThat(seen.get(10, TimeUnit.SECONDS)).matches("audit-flow-\\d+ daemon=true run=7");
        assertThat(after.get(10, TimeUnit.SECONDS)).as("a thread started without one").isEqualTo("run=null");
    }
}
