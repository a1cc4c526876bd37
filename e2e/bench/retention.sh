#!/usr/bin/env bash
# Benchmark: paged incident list and pruning of a long resolved history (incident-correlator).
# usage: e2e/bench/retention.sh [incidents=20000] [partitions=3]
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -DskipTests package -pl e2e -am  # reactor package: the classpath points at the modules' jars, nothing is installed to ~/.m2
CP="e2e/target/classes:$(cat e2e/target/runtime-classpath.txt)"
exec java -Xmx2g -cp "$CP" dev.tocsin.e2e.bench.RetentionBenchmark "$@" 2>&1 | grep -v -E "^[0-9:.]+ (INFO|WARN) "
