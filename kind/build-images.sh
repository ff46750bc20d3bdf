#!/usr/bin/env bash
# Builds the four service images with one command: the jars (and the OpenTelemetry agent each image
# carries) with Maven, then one image per service from its Dockerfile, tagged
# conference-platform/<service>:<project version> and :<project version>-<build>, where <build> is made
# from the four images' IDs: a rebuild with other code gets another tag, so a node never runs a stale
# image under a tag it already has. That tag is written to target/kind-image-tag for kind/install.sh.
# No network is needed past Maven and the base image. Each build starts its service once, without any
# store, to make the image's AOT cache (see a service's Dockerfile): about a minute per image.
#   kind/build-images.sh            build
#   kind/build-images.sh --load     build and load them (under the build's tag) into the KinD cluster
#   SKIP_MAVEN=1 kind/build-images.sh   reuse the jars already in <service>/target
#   CONTAINER_ENGINE=podman kind/build-images.sh   build with podman (default: docker when its daemon
#                                   answers, else podman)
#   JRE_IMAGE=<image> kind/build-images.sh   another JRE 25 base than the Dockerfiles' default, for
#                                   example one made without a registry by containers/base-images.sh
source "$(dirname "$0")/lib.sh"

engine=${CONTAINER_ENGINE:-}
if [ -z "$engine" ]; then
  if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    engine=docker
  elif command -v podman >/dev/null 2>&1; then
    engine=podman
  else
    echo "No container engine: install Docker or podman, or name one with CONTAINER_ENGINE" >&2
    exit 1
  fi
fi
need "$engine"
if [ "$engine" = podman ] && [ -z "${CONTAINERS_CONF:-}" ] && [ -f /etc/debian_version ] && [ "$(id -u)" = 0 ]; then
  # On machines like the project's CI podman needs runc and cgroupfs (containers/containers.conf).
  export CONTAINERS_CONF="$ROOT/containers/containers.conf"
fi
build_args=()
if [ -n "${JRE_IMAGE:-}" ]; then
  build_args+=(--build-arg "JRE_IMAGE=$JRE_IMAGE")
fi

if [ "${SKIP_MAVEN:-0}" != 1 ]; then
  log "Jars: ./mvnw package (tests are the CI's job)"
  (cd "$ROOT" && ./mvnw --batch-mode --no-transfer-progress -DskipTests package)
fi

ids=""
for service in "${SERVICES[@]}"; do
  image="$IMAGE_PREFIX/$service:$VERSION"
  log "Image $image ($engine)"
  "$engine" build "${build_args[@]}" --tag "$image" "$ROOT/$service"
  ids+=$("$engine" image inspect --format '{{.Id}}' "$image")
done
tag="$VERSION-b$(printf '%s' "$ids" | sha256sum | cut -c1-12)"
for service in "${SERVICES[@]}"; do
  "$engine" tag "$IMAGE_PREFIX/$service:$VERSION" "$IMAGE_PREFIX/$service:$tag"
done
mkdir -p "$ROOT/target"
printf '%s\n' "$tag" > "$ROOT/target/kind-image-tag"
log "Tagged the four images $tag (target/kind-image-tag)"

if [ "${1:-}" = "--load" ]; then
  need kind
  for service in "${SERVICES[@]}"; do
    log "Loading $IMAGE_PREFIX/$service:$tag into $CLUSTER"
    if [ "$engine" = docker ]; then
      kind load docker-image --name "$CLUSTER" "$IMAGE_PREFIX/$service:$tag"
    else
      # podman names local images localhost/...; the chart names docker.io/... as Docker does.
      podman tag "$IMAGE_PREFIX/$service:$tag" "docker.io/$IMAGE_PREFIX/$service:$tag"
      archive=$(mktemp --suffix=.tar)
      podman save --format docker-archive --output "$archive" "docker.io/$IMAGE_PREFIX/$service:$tag"
      kind load image-archive --name "$CLUSTER" "$archive"
      rm -f "$archive"
    fi
  done
fi
