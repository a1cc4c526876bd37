#!/usr/bin/env bash
# Benchmark (issue 9, "storm throughput"): Tocsin beside a real Prometheus Alertmanager 0.25 and nginx,
# same client, same alerts, one run. Starts everything it needs and stops it on exit; prints
#   1. accepted alerts/s: Alertmanager, alert-ingest alone, alert-ingest with the whole pipeline, ratios
#   2. alerts/s through the whole pipeline (first POST until every consumer group committed to the end)
#   3. alert -> status page p50/p99 under background loads (default 1000 and 5000 alerts/s)
#   4. RSS per active alert, Alertmanager and Tocsin      5. Kafka bytes per alert, /metrics time and size
#   6. status page requests/s beside nginx serving the same bytes, then the issue's targets with PASS/FAIL.
# usage: e2e/bench/storm.sh [quick]
#   quick: 10 000 alerts, fewer samples (a few minutes); default: 100 000 active alerts (~10 minutes)
#   sizes (env): STORM_ALERTS, STORM_BATCH=100, STORM_PRODUCTS=10, STORM_CONCURRENCY=4, STORM_WARMUP_PERCENT=30,
#     STORM_LOAD_LEVELS=1000,5000, STORM_LATENCY_SAMPLES, STORM_LATENCY_LEVEL_SECONDS, STORM_PAGE_REQUESTS,
#     STORM_DRAIN_TIMEOUT_SECONDS, STORM_SETTLE_SECONDS=15 (memory is read at the storm's end and again this much later); TOCSIN_JAVA_OPTS (heap of the Tocsin JVM, as ./tocsin local);
#   ports (env): STORM_PORT_BASE=18000 (+80 ingest, +81 registry, +82 correlator, +83 publisher, +92 Kafka,
#     +93 Alertmanager, +90 nginx, +70 ingest alone; management ports /metrics /ready: +84 ingest, +85 correlator,
#     +86 publisher, +71 ingest alone)
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${1:-}" = "quick" ]; then
  : "${STORM_ALERTS:=10000}" "${STORM_LATENCY_SAMPLES:=10}" "${STORM_LATENCY_LEVEL_SECONDS:=20}"
  : "${STORM_PAGE_REQUESTS:=10000}" "${STORM_DRAIN_TIMEOUT_SECONDS:=240}"
fi
: "${STORM_ALERTS:=100000}" "${STORM_LATENCY_SAMPLES:=40}" "${STORM_LATENCY_LEVEL_SECONDS:=60}"
: "${STORM_PAGE_REQUESTS:=50000}" "${STORM_DRAIN_TIMEOUT_SECONDS:=600}" "${STORM_PORT_BASE:=18000}"
export STORM_ALERTS STORM_LATENCY_SAMPLES STORM_LATENCY_LEVEL_SECONDS STORM_PAGE_REQUESTS STORM_DRAIN_TIMEOUT_SECONDS

# --- what this machine needs: a real Alertmanager, nginx, ab, curl (Debian packages), Java 17+ ----------------
apt_install() {
  local sudo=""
  [ "$(id -u)" = "0" ] || sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}
missing=()
[ -x /usr/bin/prometheus-alertmanager ] || missing+=(prometheus-alertmanager)
[ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v ab >/dev/null 2>&1 || missing+=(apache2-utils)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing ${missing[*]} ..."
  apt_install "${missing[@]}"
fi

echo "Building Tocsin (reactor build of e2e and what it needs, no install) ..."
./mvnw -B -q -DskipTests package -pl e2e -am
CP="e2e/target/classes:$(cat e2e/target/runtime-classpath.txt)"
JAVA_OPTS="${TOCSIN_JAVA_OPTS:-$(cat local-stack/java-opts)}"  # as ./tocsin local

# --- everything started here is stopped on exit ---------------------------------------------------------------
RUN="$(mktemp -d /tmp/tocsin-storm.XXXXXX)"
chmod 755 "$RUN"   # nginx workers read the page's bytes from here
export STORM_RESULTS="$RUN/results.txt"
PIDS=()
stop() {  # stop one process: TERM, then KILL after 30 s
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do stop "$pid"; done
  if [ $rc -eq 0 ] && [ "${STORM_KEEP:-0}" = 0 ]; then rm -rf "$RUN"; else
    rm -rf "$RUN/stack" "$RUN/am-data"
    if [ $rc -eq 0 ]; then echo "logs kept in $RUN (STORM_KEEP)" >&2; else echo "storm.sh failed (exit $rc); logs kept in $RUN" >&2; fi
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start() {  # start NAME COMMAND...: in the background, output to $RUN/NAME.log; sets PID
  local name=$1; shift
  "$@" >"$RUN/$name.log" 2>&1 &
  PID=$!
  PIDS+=("$PID")
}
wait_for() {  # wait_for URL WHAT PID: until URL answers 2xx (at most 180 s)
  for _ in $(seq 1800); do
    curl -sf -o /dev/null "$1" && return 0
    kill -0 "$3" 2>/dev/null || { echo "$2 exited; see $RUN" >&2; tail -20 "$RUN"/*.log >&2; return 1; }
    sleep 0.1
  done
  echo "$2 did not come up at $1" >&2
  return 1
}
client() {  # one phase of the benchmark client; the Kafka clients' INFO/WARN lines are noise here
  set +e
  java -Xmx1g -cp "$CP" dev.tocsin.e2e.bench.StormBenchmark "$@" 2>&1 | grep --line-buffered -v -E "^[0-9:.]+ (INFO|WARN) "
  local rc=${PIPESTATUS[0]}
  set -e
  return "$rc"
}
HOST=127.0.0.1
B=$STORM_PORT_BASE

# --- 1 and 4: Alertmanager 0.25 ---------------------------------------------------------------------------
cat >"$RUN/alertmanager.yml" <<EOF
route:
  receiver: blackhole
receivers:
  - name: blackhole
EOF
echo "Alertmanager ..."
start alertmanager /usr/bin/prometheus-alertmanager --config.file="$RUN/alertmanager.yml" \
  --storage.path="$RUN/am-data" --web.listen-address="$HOST:$((B + 93))" --cluster.listen-address= --log.level=warn
AM_PID=$PID
wait_for "http://$HOST:$((B + 93))/-/ready" Alertmanager "$AM_PID"
client alertmanager "http://$HOST:$((B + 93))" "$AM_PID"
stop "$AM_PID"

# --- 1: alert-ingest alone (the local stack always starts every service, so ingest runs in its own JVM) ----
echo "alert-ingest alone ..."
start ingest-alone java $JAVA_OPTS -cp "$CP" dev.tocsin.e2e.bench.StandaloneIngest "$((B + 70))" "$((B + 71))"
ALONE_PID=$PID
wait_for "http://$HOST:$((B + 71))/ready" "alert-ingest alone" "$ALONE_PID"
client ingest-alone "http://$HOST:$((B + 70))"
stop "$ALONE_PID"

# --- 1, 2, 3, 4, 5, 6: the whole local stack (./tocsin local's LocalStack), demo off, rate limit raised ------
# (LocalStack's main, as ./tocsin local runs it, on the classpath just built: ./tocsin would rebuild with install)
echo "Tocsin local stack ..."
# the page shows only configured components: the storm's products and every latency probe's fresh product,
# named as the page named products before the allow-list (the probe finds its component as P<number>)
COMPONENTS=""
for ((i = 0; i < ${STORM_PRODUCTS:-10}; i++)); do COMPONENTS+="product-$i=Product-$i,"; done
IFS=, read -ra LEVELS <<< "${STORM_LOAD_LEVELS:-1000,5000}"
for level in "${LEVELS[@]}"; do
  for ((k = 1; k <= STORM_LATENCY_SAMPLES; k++)); do COMPONENTS+="p$((level * 1000 + k))=P$((level * 1000 + k)),"; done
done
start stack env TOCSIN_ENV=local TOCSIN_PUBLISHER_COMPONENTS="${COMPONENTS%,}" TOCSIN_HTTP_HOST=$HOST TOCSIN_LOCAL_HOST=$HOST TOCSIN_LOCAL_DATA_DIR="$RUN/stack" \
  TOCSIN_LOCAL_DEMO=false TOCSIN_LOCAL_INGEST_PORT=$((B + 80)) TOCSIN_LOCAL_REGISTRY_PORT=$((B + 81)) \
  TOCSIN_LOCAL_CORRELATOR_PORT=$((B + 82)) TOCSIN_LOCAL_PUBLISHER_PORT=$((B + 83)) TOCSIN_LOCAL_KAFKA_PORT=$((B + 92)) \
  TOCSIN_LOCAL_INGEST_MANAGEMENT_PORT=$((B + 84)) TOCSIN_LOCAL_CORRELATOR_MANAGEMENT_PORT=$((B + 85)) \
  TOCSIN_LOCAL_PUBLISHER_MANAGEMENT_PORT=$((B + 86)) \
  TOCSIN_INGEST_RATE_PER_SECOND=1000000 TOCSIN_INGEST_RATE_BURST=1000000 \
  java $JAVA_OPTS -cp "$CP" dev.tocsin.local.LocalStack
STACK_PID=$PID
INGEST="http://$HOST:$((B + 80))"; CORRELATOR="http://$HOST:$((B + 82))"; PUBLISHER="http://$HOST:$((B + 83))"
MANAGEMENT=("http://$HOST:$((B + 84))" "http://$HOST:$((B + 85))" "http://$HOST:$((B + 86))")
for url in "${MANAGEMENT[@]}"; do wait_for "$url/ready" "the local stack" "$STACK_PID"; done
client pipeline "$INGEST" "$CORRELATOR" "$PUBLISHER" "$HOST:$((B + 92))" "$STACK_PID" "${MANAGEMENT[@]}"

echo "nginx with the status page's bytes ..."
client page-bytes "$PUBLISHER" "$RUN/www"
chmod -R a+rX "$RUN/www"
mkdir -p "$RUN/nginx"
cat >"$RUN/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $RUN/nginx/nginx.pid;
error_log $RUN/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $RUN/nginx/body;
  proxy_temp_path $RUN/nginx/proxy;
  fastcgi_temp_path $RUN/nginx/fastcgi;
  uwsgi_temp_path $RUN/nginx/uwsgi;
  scgi_temp_path $RUN/nginx/scgi;
  types { text/html html; application/json json; }
  keepalive_requests 1000000;
  server {
    listen $HOST:$((B + 90));
    root $RUN/www;
    index index.html;
  }
}
EOF
start nginx /usr/sbin/nginx -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf"
NGINX_PID=$PID
wait_for "http://$HOST:$((B + 90))/" nginx "$NGINX_PID"
client page-rate "$PUBLISHER" "http://$HOST:$((B + 90))"
stop "$NGINX_PID"

client latency "$INGEST" "$PUBLISHER" "$HOST:$((B + 92))"
stop "$STACK_PID"

client report
