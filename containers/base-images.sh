#!/usr/bin/env bash
# Makes, without any container registry, the base images this repository's container tests run on,
# from Debian's packages (debootstrap, then podman import):
#
#   jre     Debian 13's OpenJDK 25 JRE at /opt/java/openjdk, the JRE_IMAGE the service images are
#           built on here (their Dockerfiles default to Temurin's, from a registry)
#   stores  PostgreSQL, Redis and curl from Debian 13, to run the umbrella chart's PostgreSQL and Redis
#           StatefulSets and its helm test without their registry images
#
# Each is tagged with a digest of this script and kept in podman's storage: a second run only prints the
# names. Images of earlier versions of the script, and unused images built on them, are removed. Needs root, debootstrap, podman, and the Debian mirror apt uses (DEBIAN_MIRROR overrides it).
#
#   containers/base-images.sh [jre] [stores]     (default: both)
# prints one line per image, NAME=image, for example JRE_IMAGE=localhost/conference-platform/jre:25-0a1b2c3d4e5f
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export CONTAINERS_CONF=${CONTAINERS_CONF:-$HERE/containers.conf}
SUITE=trixie
# The Java release of the images' JRE (docs/decisions/0015-start-up-jre-25-and-aot-cache.md).
JAVA_FEATURE=25
DIGEST=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)
WORK=${BASE_IMAGES_WORK:-/var/tmp/conference-platform-base-images}

say() { printf '%s\n' "$*" >&2; }
fail() { say "base-images.sh: $*"; exit 1; }

[ "$(id -u)" = 0 ] || fail "debootstrap needs root"
for tool in debootstrap podman; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is needed: apt-get install debootstrap podman runc"
done

mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  # The Debian mirror apt uses, if it uses one (deb822 sources first, then sources.list).
  local uri
  uri=$( (sed -n 's/^URIs: *\([^ ]*\/debian\/\{0,1\}\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null || true) | head -1)
  if [ -z "$uri" ]; then
    uri=$( (sed -n 's/^deb \(\[[^]]*\] \)\{0,1\}\(http[^ ]*\/debian\/\{0,1\}\) .*/\2/p' /etc/apt/sources.list 2>/dev/null || true) \
      | head -1)
  fi
  echo "${uri:-http://deb.debian.org/debian}"
}

# rootfs NAME PACKAGES: a minimal Debian with those packages, in $WORK/NAME, slimmed for an image.
rootfs() {
  local dir=$WORK/$1 packages=$2
  rm -rf "$dir"
  mkdir -p "$WORK"
  say "debootstrap $SUITE with $packages from $(mirror) (about a minute)"
  if ! debootstrap --variant=minbase --include="$packages" "$SUITE" "$dir" "$(mirror)" >"$WORK/$1.log" 2>&1; then
    umount -l "$dir/proc" "$dir/sys" 2>/dev/null || true
    tail -20 "$WORK/$1.log" >&2
    fail "debootstrap failed (log: $WORK/$1.log)"
  fi
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* "$dir"/usr/share/doc/* \
         "$dir"/usr/share/man/* "$dir"/usr/share/info/* "$dir"/usr/share/locale/* "$dir"/var/log/*
}

# import NAME IMAGE CHANGES...: the rootfs as an image, without the device nodes and mount points' contents.
import() {
  local dir=$WORK/$1 image=$2
  shift 2
  local changes=()
  for change in "$@"; do changes+=(--change "$change"); done
  tar --numeric-owner --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -C "$dir" -c . \
    | podman import --quiet "${changes[@]}" --change "LABEL org.opencontainers.image.source=containers/base-images.sh" - "$image" >/dev/null
  rm -rf "$dir"
}

jre() {
  local image=localhost/conference-platform/jre:$JAVA_FEATURE-$DIGEST
  if ! podman image exists "$image"; then
    rootfs jre openjdk-$JAVA_FEATURE-jre-headless
    local home
    home=$(cd "$WORK/jre/usr/lib/jvm" && ls -d java-$JAVA_FEATURE-openjdk-* | grep -v '^java-1\.' | head -1)
    [ -n "$home" ] || fail "no JRE $JAVA_FEATURE in the rootfs"
    mkdir -p "$WORK/jre/opt/java"
    ln -s "/usr/lib/jvm/$home" "$WORK/jre/opt/java/openjdk"
    import jre "$image" 'ENV JAVA_HOME=/opt/java/openjdk' \
      'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      'ENV LANG=C.UTF-8' 'CMD ["java", "-version"]'
    say "built $image"
  fi
  echo "JRE_IMAGE=$image"
}

stores() {
  local image=localhost/conference-platform/stores:$DIGEST
  if ! podman image exists "$image"; then
    rootfs stores postgresql,redis-server,curl
    local dir=$WORK/stores bin
    bin=$(ls -d "$dir"/usr/lib/postgresql/*/bin | sort -V | tail -1)
    bin=${bin#"$dir"}
    # No cluster of the package's own; the entrypoint makes one where PGDATA says.
    rm -rf "$dir"/var/lib/postgresql/* "$dir"/etc/postgresql/* "$dir"/run/postgresql "$dir"/run/redis
    # The socket directories writable by all, as in the official images, under a real /var/run: the chart
    # mounts emptyDirs on /var/run/postgresql, and podman 4.3 gives a volume the mode of its mount point,
    # which it looks up through the /var/run -> /run link on the host, not in the image.
    rm -f "$dir/var/run"
    install -d -m 0755 "$dir/var/run"
    install -d -m 1777 "$dir/var/run/postgresql" "$dir/var/run/redis"
    # The users the chart runs PostgreSQL (70) and Redis (999) as, as in the images it names.
    chroot "$dir" groupmod --gid 70 postgres
    chroot "$dir" usermod --uid 70 --gid 70 postgres
    chroot "$dir" groupmod --gid 999 redis
    chroot "$dir" usermod --uid 999 --gid 999 redis
    cat >"$dir/usr/local/bin/postgres-entrypoint" <<'SCRIPT'
#!/bin/sh
# Starts PostgreSQL as the official postgres image does for the chart: on first start a cluster in
# $PGDATA whose superuser $POSTGRES_USER has $POSTGRES_PASSWORD (scram over TCP) and owns $POSTGRES_DB.
set -eu
: "${PGDATA:?}" "${POSTGRES_USER:?}" "${POSTGRES_PASSWORD:?}"
db=${POSTGRES_DB:-$POSTGRES_USER}
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chmod 700 "$PGDATA"
  password_file=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$password_file"
  initdb --pgdata="$PGDATA" --username="$POSTGRES_USER" --pwfile="$password_file" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 >/dev/null
  rm -f "$password_file"
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  pg_ctl --pgdata="$PGDATA" --options="-c listen_addresses=''" --wait --silent start
  if [ "$db" != postgres ]; then
    psql --quiet --username="$POSTGRES_USER" --dbname=postgres --command="CREATE DATABASE \"$db\""
  fi
  pg_ctl --pgdata="$PGDATA" --mode=fast --wait --silent stop
  echo "initialized $PGDATA with database $db"
fi
exec postgres -D "$PGDATA" -c listen_addresses='*'
SCRIPT
    chmod 0755 "$dir/usr/local/bin/postgres-entrypoint"
    import stores "$image" \
      "ENV PATH=$bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" 'ENV LANG=C.UTF-8' \
      'ENTRYPOINT ["/usr/local/bin/postgres-entrypoint"]'
    say "built $image"
  fi
  echo "STORES_IMAGE=$image"
}

# Untags the images an earlier version of this script made, then removes every unused image built on
# them (the label is inherited through FROM): old bases, and service images and build stages replaced since.
prune() {
  local repository tag
  for repository in localhost/conference-platform/jre localhost/conference-platform/stores; do
    podman images --format '{{.Repository}}:{{.Tag}}' "$repository" | while read -r tag; do
      case "$tag" in
        *"$DIGEST") ;;
        *) podman untag "$tag" >/dev/null 2>&1 || true ;;
      esac
    done
  done
  podman image prune --force --filter "label=org.opencontainers.image.source=containers/base-images.sh" >/dev/null 2>&1 || true
}

exec 9>"/var/tmp/conference-platform-base-images.lock"
flock 9
[ $# -gt 0 ] || set -- jre stores
for what in "$@"; do
  case "$what" in
    jre) jre ;;
    stores) stores ;;
    *) fail "unknown image '$what': jre or stores" ;;
  esac
done
prune
