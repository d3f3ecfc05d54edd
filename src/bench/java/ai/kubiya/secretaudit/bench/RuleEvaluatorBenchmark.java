package ai.kubiya.secretaudit.bench;

import ai.kubiya.secretaudit.policy.Evaluation;
import ai.kubiya.secretaudit.policy.RotationPolicy;
import ai.kubiya.secretaudit.policy.RuleEvaluator;
import ai.kubiya.secretaudit.source.SecretCursor;
import ai.kubiya.secretaudit.source.SecretMetadata;
import ai.kubiya.secretaudit.source.synthetic.SyntheticSecretSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * docs/performance.md#targets: rule evaluation at ≥ 1,000,000 secrets/s on one core. One thread evaluates a pre-generated
 * array of synthetic secrets (the job's own mix: every type, ~1 % bad metadata) with the default policy;
 * the score is secrets per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RuleEvaluatorBenchmark {

    static final int SECRETS = 100_000;
    static final Instant AS_OF = Instant.parse("2026-11-26T00:00:00Z");

    private final RuleEvaluator evaluator = new RuleEvaluator(RotationPolicy.defaults());
    private SecretMetadata[] secrets;

    @Setup
    public void generate() {
        List<SecretMetadata> evaluable = new ArrayList<>(SECRETS);
        try (SecretCursor cursor = new SyntheticSecretSource(SECRETS + SECRETS / 100).open(AS_OF)) {
            while (cursor.hasNext() && evaluable.size() < SECRETS) {
                SecretMetadata secret = cursor.next();
                if (!secret.isMalformed()) {
                    evaluable.add(secret);
                }
            }
        }
        secrets = evaluable.toArray(SecretMetadata[]::new);
    }

    @Benchmark
    @OperationsPerInvocation(SECRETS)
    public void evaluate(Blackhole blackhole) {
        for (SecretMetadata secret : secrets) {
            Evaluation evaluation = evaluator.evaluate(secret, AS_OF);
            blackhole.consume(evaluation);
        }
    }
}
