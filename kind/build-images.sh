#!/usr/bin/env bash
# Builds the four service images with one command: the jars with Maven, then one image per service
# from its Dockerfile, tagged conference-platform/<service>:<project version>.
#   kind/build-images.sh            build
#   kind/build-images.sh --load     build and load them into the KinD cluster
#   SKIP_MAVEN=1 kind/build-images.sh   reuse the jars already in <service>/target
source "$(dirname "$0")/lib.sh"
need docker

if [ "${SKIP_MAVEN:-0}" != 1 ]; then
  log "Jars: ./mvnw package (tests are the CI's job)"
  (cd "$ROOT" && ./mvnw --batch-mode --no-transfer-progress -DskipTests package)
fi

for service in "${SERVICES[@]}"; do
  image="$IMAGE_PREFIX/$service:$VERSION"
  log "Image $image"
  docker build --tag "$image" "$ROOT/$service"
done

if [ "${1:-}" = "--load" ]; then
  need kind
  for service in "${SERVICES[@]}"; do
    log "Loading $IMAGE_PREFIX/$service:$VERSION into $CLUSTER"
    kind load docker-image --name "$CLUSTER" "$IMAGE_PREFIX/$service:$VERSION"
  done
fi
