#!/usr/bin/env bash
# The portal under load (issue 17; docs/performance.md#the-portal-under-load): never part of `mvn verify`. Builds the
# jar and the bench sources (Maven profile `bench`), then runs PortalLoad, which writes bench/PORTAL-LOAD.md.
#
#   bench/portal-load.sh                     # N = 100,000: five runs of the job, 50 auditors, ~4 minutes
#   bench/portal-load.sh --size=1000000      # the issue's figure: ~15 minutes and ~20 GB of disk on 2 cores
#
# Other options: --baselines=3 (runs of the job alone, compared by their median), --auditors=50, --downloaders=10 (of
# the auditors), --alone-seconds=60, --max-seconds=900 (cap of the loaded phase), --max-requests=200000 (cap of each
# phase), --xmx=512m, --portal-nice=10 (serve under nice -n, as docs/portal.md recommends beside run; 0: at the job's
# priority), --client-nice=0 (the bench's auditor threads), --work=DIR (default target/portal-load, started afresh),
# --out=PATH. Everything listens on loopback only:
# PostgreSQL, the OpenID Connect provider, the portal.
# Set MAVEN_ARGS=-o to build offline.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q ${MAVEN_ARGS:-} -Pbench -DskipTests package
mvn -B -q ${MAVEN_ARGS:-} -Pbench dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  ai.kubiya.secretaudit.bench.PortalLoad --jar=target/secret-rotation-audit.jar "$@"
