#!/usr/bin/env bash
# Benchmark: time from an alert entering alert-ingest to the status page showing the degraded
# component, through the whole local stack, p50/p90/p99 over N incidents.
# usage: e2e/bench/status-latency.sh [incidents=100] [pollMillis=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests package -pl e2e -am  # reactor build, nothing installed into ~/.m2
CP="e2e/target/classes:$(cat e2e/target/runtime-classpath.txt)"
exec java -Xmx1g -cp "$CP" dev.tocsin.e2e.bench.StatusLatencyBenchmark "$@" 2>&1 | grep -v -E "^[0-9:.]+ (INFO|WARN) "
