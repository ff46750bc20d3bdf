# Shared settings of the kind/ scripts. Override any of them in the environment.
# shellcheck shell=bash
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CLUSTER=${CLUSTER:-conference}
KIND_NODE_IMAGE=${KIND_NODE_IMAGE:-kindest/node:v1.33.1}
GATEWAY_API_VERSION=${GATEWAY_API_VERSION:-v1.4.0}
TRAEFIK_CHART_VERSION=${TRAEFIK_CHART_VERSION:-37.3.0}
NAMESPACE=${NAMESPACE:-conference}
RELEASE=${RELEASE:-conference}
# shellcheck disable=SC2034 # used by the scripts that source this file
SERVICES=(frontend-service c4p-service agenda-service email-service)
# The images' tag is the Maven project version, as is the charts' appVersion.
VERSION=${VERSION:-$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$ROOT/pom.xml" | head -1)}
IMAGE_PREFIX=${IMAGE_PREFIX:-conference-platform}

log() { printf '\n== %s\n' "$*"; }
need() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$tool is needed: see README.md, Run on Kubernetes" >&2; exit 1; }
  done
}
