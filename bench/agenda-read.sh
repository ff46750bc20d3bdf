#!/usr/bin/env bash
# Agenda reads under load, on this machine, in one run: GET /api/agenda through the gateway, GET
# /agenda-items from agenda-service directly, and nginx serving the same JSON bytes as a static file
# (with -Dbench.micro-cache=off also nginx as a plain reverse proxy in front of agenda-service), each driven by wrk with the same threads, connections (64) and duration. Everything listens on
# 127.0.0.1 and the whole run is bounded (about 4 minutes; at most 20).
#
#   bench/agenda-read.sh [-Dbench.micro-cache=off] [-Dbench.talks=300] [-Dbench.wrk-cpus=1] \
#                        [-Dbench.duration=20s] [-Dbench.threads=2] [-Dbench.rounds=2] \
#                        [-Dbench.jvm-options="--sun-misc-unsafe-memory-access=allow"] \
#                        [-Dbench.reference-agenda-jar=<an earlier build's agenda-service jar>] ...
#
# Installs wrk and nginx with apt when missing, builds the services in the same Maven run (nothing is
# installed into ~/.m2), and runs platform-tests' AgendaReadBenchmark (which starts the platform, puts
# the talks on the agenda and starts a throwaway nginx). The table lands in
# platform-tests/target/bench/agenda-read*.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/wrk ] || missing+=(wrk)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ -z "${JAVA_HOME:-}" ]; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
                   /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
    [ -x "$candidate/bin/java" ] && export JAVA_HOME=$candidate && break
  done
fi
export TEST_POSTGRES_URL=${TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/postgres}
export TEST_REDIS_URL=${TEST_REDIS_URL:-redis://127.0.0.1:6379}

echo "== $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg); building the services and running AgendaReadBenchmark"
timeout 20m ./mvnw -B -q -pl email-service,agenda-service,c4p-service,frontend-service,platform-tests -am verify \
  -Dtest=AgendaReadBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dcontainers.skip "$@"
echo
cat "$(ls -t platform-tests/target/bench/agenda-read*.txt | head -1)"
