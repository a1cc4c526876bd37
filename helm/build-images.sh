#!/usr/bin/env bash
# Builds the three service images from the repository root:
#   tocsin/alert-ingest, tocsin/incident-correlator, tocsin/status-publisher, tagged with the project version.
# Usage: helm/build-images.sh [repository prefix, default "tocsin"]   (e.g. registry.example.com/tocsin)
# Needs a Docker engine with BuildKit that can pull eclipse-temurin:17-jdk and eclipse-temurin:17-jre.
set -euo pipefail
cd "$(dirname "$0")/.."
REPOSITORY="${1:-tocsin}"
# the project version: the parent pom's <version>, the first one after <artifactId>tocsin-parent</artifactId>
VERSION=$(sed -n '/<artifactId>tocsin-parent<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
REVISION=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
for service in alert-ingest incident-correlator status-publisher; do
  echo "Building $REPOSITORY/$service:$VERSION"
  DOCKER_BUILDKIT=1 docker build -f "$service/Dockerfile" -t "$REPOSITORY/$service:$VERSION" \
    --build-arg VERSION="$VERSION" --build-arg REVISION="$REVISION" .
done
