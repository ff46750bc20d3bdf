#!/usr/bin/env bash
# Installs (or upgrades) the platform on the KinD cluster with one helm command, waits until every
# pod is ready, runs the helm test and prints where to go. EXPOSE=gateway uses an HTTPRoute instead
# of the Ingress. Extra arguments go to helm (for example --set frontend-service.replicaCount=3).
source "$(dirname "$0")/lib.sh"
need kubectl helm
kubectl config use-context "kind-$CLUSTER" >/dev/null

log "Chart dependencies (the local service charts and the library, packed into charts/)"
for service in "${SERVICES[@]}"; do
  helm dependency update --skip-refresh "$ROOT/$service/chart" >/dev/null
done
helm dependency update --skip-refresh "$ROOT/helm/conference-platform" >/dev/null

tag_file="$ROOT/target/kind-image-tag"
[ -f "$tag_file" ] || { echo "No images built yet: run kind/build-images.sh --load first" >&2; exit 1; }
# The build loaded into the nodes, by its own tag: every pod runs exactly that build.
values=(--values "$ROOT/kind/values.yaml" --set "global.imageTag=$(cat "$tag_file")")
if [ "${EXPOSE:-ingress}" = gateway ]; then
  values+=(--values "$ROOT/kind/gateway-values.yaml")
fi

log "helm upgrade --install $RELEASE (namespace $NAMESPACE)"
helm upgrade --install "$RELEASE" "$ROOT/helm/conference-platform" --namespace "$NAMESPACE" --create-namespace \
  "${values[@]}" --wait --timeout 10m "$@"

log "Pods"
kubectl -n "$NAMESPACE" get pods -o wide

log "helm test"
helm test "$RELEASE" --namespace "$NAMESPACE" --logs --timeout 5m

password=$(kubectl -n "$NAMESPACE" get secret "$RELEASE-frontend-service-organizer-passwords" -o jsonpath='{.data.organizer}' | base64 -d)
reviewer_password=$(kubectl -n "$NAMESPACE" get secret "$RELEASE-frontend-service-reviewer-passwords" -o jsonpath='{.data.reviewer}' | base64 -d)
cat <<DONE

The Conference Platform is up:   http://localhost
Back office:                     http://localhost/login   user organizer, password $password
                                                          user reviewer (scores, does not decide), password $reviewer_password
Emails (Mailpit):                kubectl -n $NAMESPACE port-forward service/$RELEASE-mailpit 8025:8025, then http://localhost:8025
DONE
