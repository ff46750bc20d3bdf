#!/usr/bin/env bash
# Creates the KinD cluster (kind/cluster.yaml) and installs Traefik as its ingress and Gateway API
# controller, with the Gateway API CRDs. Safe to run again.
source "$(dirname "$0")/lib.sh"
need kind kubectl helm

if kind get clusters | grep -qx "$CLUSTER"; then
  log "Cluster $CLUSTER exists"
else
  log "Creating cluster $CLUSTER ($KIND_NODE_IMAGE): 1 control plane with ports 80/443, 3 workers"
  kind create cluster --name "$CLUSTER" --image "$KIND_NODE_IMAGE" --config "$ROOT/kind/cluster.yaml" --wait 120s
fi
kubectl config use-context "kind-$CLUSTER" >/dev/null

log "Gateway API CRDs $GATEWAY_API_VERSION (standard channel)"
kubectl apply --server-side -f "https://github.com/kubernetes-sigs/gateway-api/releases/download/$GATEWAY_API_VERSION/standard-install.yaml" >/dev/null

log "Traefik $TRAEFIK_CHART_VERSION: Ingress class \"traefik\" and Gateway traefik/traefik-gateway"
helm upgrade --install traefik traefik --repo https://traefik.github.io/charts --version "$TRAEFIK_CHART_VERSION" \
  --namespace traefik --create-namespace --values "$ROOT/kind/traefik-values.yaml" --wait --timeout 5m
kubectl -n traefik rollout status deployment/traefik --timeout=3m

log "Ready: next kind/build-images.sh --load, then kind/install.sh"
