#!/usr/bin/env bash
# Benchmark: accepted alerts/s of alert-ingest for Alertmanager batches of 100 alerts, one or more concurrent clients.
# usage: e2e/bench/ingest-alertmanager.sh [requests=2000] [alertsPerRequest=100] [concurrency=1]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests package -pl e2e -am  # reactor build, nothing installed into the shared ~/.m2
CP="e2e/target/classes:$(cat e2e/target/runtime-classpath.txt)"
exec java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$CP" dev.tocsin.e2e.bench.IngestBenchmark "$@" 2>&1 | grep -v -E "^[0-9:.]+ (INFO|WARN) "
