#!/usr/bin/env bash
# Builds the service images from the repository root with the one Dockerfile there:
#   tocsin/alert-ingest, tocsin/incident-correlator, tocsin/status-publisher, tocsin/ops-console, tagged with the
#   project version.
# Usage: helm/build-images.sh [repository prefix, default "tocsin"]   (e.g. registry.example.com/tocsin)
# Needs a Docker engine with BuildKit that can pull eclipse-temurin:17-jdk and eclipse-temurin:17-jre.
set -euo pipefail
cd "$(dirname "$0")/.."
REPOSITORY="${1:-tocsin}"
# the project version: the parent pom's <version>, the first one after <artifactId>tocsin-parent</artifactId>
VERSION=$(sed -n '/<artifactId>tocsin-parent<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
REVISION=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
# service (module directory) | main class | ports (http, management) | description
SERVICES=(
  "alert-ingest|dev.tocsin.ingest.Main|8080 9080|Webhooks and APIs in, alerts, reports and operator commands onto Kafka"
  "incident-correlator|dev.tocsin.correlator.Main|8082 9082|Correlates alerts, reports and commands into incidents (Kafka Streams)"
  "status-publisher|dev.tocsin.publisher.Main|8083 9083|Public status page, Statuspage JSON and notifications from incidents (Kafka Streams)"
  "ops-console|dev.tocsin.console.Main|8084 9084|Operations console: live incidents, actions, queues, ticket lookup"
)
for entry in "${SERVICES[@]}"; do
  IFS='|' read -r service main ports description <<<"$entry"
  echo "Building $REPOSITORY/$service:$VERSION"
  DOCKER_BUILDKIT=1 docker build -t "$REPOSITORY/$service:$VERSION" \
    --build-arg SERVICE="$service" --build-arg MAIN_CLASS="$main" --build-arg PORTS="$ports" \
    --build-arg DESCRIPTION="$description" --build-arg VERSION="$VERSION" --build-arg REVISION="$REVISION" .
done
