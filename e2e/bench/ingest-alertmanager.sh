#!/usr/bin/env bash
# Benchmark: accepted alerts/s of alert-ingest for Alertmanager batches of 100 alerts, one client.
# usage: e2e/bench/ingest-alertmanager.sh [requests=2000] [alertsPerRequest=100]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests install -pl e2e -am
CP="e2e/target/classes:$(cat e2e/target/runtime-classpath.txt)"
exec java -Xmx1g -cp "$CP" dev.tocsin.e2e.bench.IngestBenchmark "$@" 2>&1 | grep -v -E "^[0-9:.]+ (INFO|WARN) "
