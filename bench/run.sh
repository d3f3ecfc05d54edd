#!/usr/bin/env bash
# The benchmark of docs/performance.md (issue 8): never part of `mvn verify`. Builds the jar and the bench sources
# (Maven profile `bench`), then runs the harness, which writes bench/RESULTS.md.
#
#   bench/run.sh                                  # N = 10,000, 100,000 and 1,000,000, JMH, 1,000 end to end
#   bench/run.sh --sizes=10000 --jmh=false        # a quick look
#   bench/run.sh --sizes=100000 --source=file     # the job reads the same inventory as a JSON file
#
# Other options: --out=PATH (default bench/RESULTS.md), --xmx=512m (the job's heap), --e2e=1000|0,
# --work=DIR (default target/bench; every run starts it afresh). Needs Java 17+ and Maven; about
# 15 minutes for all three sizes on 2 cores, and a few GB of disk for the 1,000,000 run.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbench -DskipTests package
mvn -B -q -Pbench dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  ai.kubiya.secretaudit.bench.PipelineBenchmark --jar=target/secret-rotation-audit.jar "$@"
