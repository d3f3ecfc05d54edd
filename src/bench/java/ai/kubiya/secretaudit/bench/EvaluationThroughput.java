package ai.kubiya.secretaudit.bench;

import java.nio.file.Path;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link RuleEvaluatorBenchmark} in its own forked JVM (JMH's defaults from the class's annotations). */
final class EvaluationThroughput {

    record Score(double score, double error, String unit) {
    }

    private EvaluationThroughput() {
    }

    static Score measure(Path jsonResult) throws Exception {
        RunResult run = new Runner(new OptionsBuilder()
                .include(RuleEvaluatorBenchmark.class.getName() + ".evaluate")
                .resultFormat(ResultFormatType.JSON)
                .result(jsonResult.toString())
                .build()).runSingle();
        Result<?> primary = run.getPrimaryResult();
        return new Score(primary.getScore(), primary.getScoreError(), primary.getScoreUnit());
    }
}
