#!/usr/bin/env bash
# Benchmark: incident snapshots/s of status-publisher alone (500 incidents, 50 products, notifications to S subscriptions).
# usage: e2e/bench/publisher.sh [snapshots=50000] [partitions=3] [subscriptions=1000]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests package -pl e2e -am  # reactor build, nothing installed into ~/.m2
CP="e2e/target/classes:$(cat e2e/target/runtime-classpath.txt)"
exec java -Xmx2g -cp "$CP" dev.tocsin.e2e.bench.PublisherBenchmark "$@" 2>&1 | grep -v -E "^[0-9:.]+ (INFO|WARN) "
