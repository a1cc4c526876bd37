#!/usr/bin/env bash
# Fault-injection suite (issue 11): three Kafka nodes, the schema registry and the three services as
# separate processes, alert load over HTTP, one fault after another; prints the table
#   scenario | runs | acked | in tocsin.alerts | duplicates | lost | dead letters exp/act | result
# usage: e2e/faults/run.sh [--short|--full]     (default --short, the CI variant; --full takes ~15 min)
# Logs and data of each process: e2e/target/faults/<date-time>/ (kept; delete at will).
set -euo pipefail
cd "$(dirname "$0")/../.."
mode=short
case "${1:---short}" in
  --short) mode=short ;;
  --full) mode=full ;;
  *) echo "usage: $0 [--short|--full]" >&2; exit 64 ;;
esac
echo "Building (reactor build of e2e and what it needs, no install) ..."
./mvnw -B -q -DskipTests package -pl e2e -am
CP="e2e/target/classes:$(cat e2e/target/runtime-classpath.txt)"
# the suite's own Kafka clients log at INFO; the table and the scenario lines are what matter here
java -Xmx512m -cp "$CP" dev.tocsin.e2e.faults.FaultSuite "$mode" 2>&1 | grep --line-buffered -v -E "^[0-9:.]+ (INFO|WARN) "
exit "${PIPESTATUS[0]}"
