#!/usr/bin/env bash
# Chaos suite: the packaged application killed with SIGKILL at random points and restarted, fed a fuzzed
# inventory, searched for a planted secret value, and its chat services, sign-in provider, Pushgateway and stored
# evidence broken under it. See chaos/RESULTS.md and docs/chaos.md.
# The suite's source is src/chaos/java; the build adds it to the test sources, so test-compile puts it in target/test-classes.
#
#   chaos/run.sh            full:  synthetic:50000 with 10 kills, 10,000 fuzzed records   (~10 min on 2 cores)
#   chaos/run.sh --short    short: synthetic:5000 with 3 kills, 2,000 fuzzed records      (~1 min; also in mvn verify)
#
# Options: --seed=N (repeat a run's random choices), --out=FILE (the summary table),
#   --scenarios=kill,fuzz,canary,control-plane,smtp-outage,db-restart,chat,chat-kill,pushgateway,oidc,tamper
# Exit 0 when every check passed, 1 otherwise. Maven runs offline (-o): the dependencies must be in ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full; seed=""; scenarios="kill,fuzz,canary,control-plane,smtp-outage,db-restart,chat,chat-kill,pushgateway,oidc,tamper"; out="target/chaos-summary.md"
for arg in "$@"; do
  case "$arg" in
    --short) mode=short ;;
    --seed=*) seed="${arg#--seed=}" ;;
    --scenarios=*) scenarios="${arg#--scenarios=}" ;;
    --out=*) out="${arg#--out=}" ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

jar=target/secret-rotation-audit.jar
if [ ! -f "$jar" ]; then
  echo "building $jar"
  mvn -B -o -q -DskipTests package
fi
mvn -B -o -q test-compile
mvn -B -o -q dependency:build-classpath -Dmdep.outputFile=target/chaos.classpath -Dmdep.includeScope=test

props=(-Dchaos.mode="$mode" -Dchaos.jar="$PWD/$jar" -Dchaos.scenarios="$scenarios" -Dchaos.out="$out")
[ -n "$seed" ] && props+=(-Dchaos.seed="$seed")
echo "chaos suite ($mode) driving java -jar $jar"
exec java -Xmx2g "${props[@]}" -cp "target/test-classes:target/classes:$(cat target/chaos.classpath)" \
  ai.kubiya.secretaudit.chaos.ChaosSuite
