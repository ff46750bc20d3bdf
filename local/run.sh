#!/usr/bin/env bash
# The whole platform on this machine with one command; ./local/run.sh --help says how.
# This launcher only finds a JDK 21+ and compiles the tool in local/src (with the class path of
# local/pom.xml); the tool builds the services, finds or starts the stores and supervises it all.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DATA=${LOCAL_DATA_DIR:-${TMPDIR:-/tmp}/conference-platform}

fail() { echo "run.sh: $*" >&2; exit 1; }

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p'; }
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/temurin-21-jdk-* \
                 /usr/lib/jvm/java-25-openjdk-* /usr/lib/jvm/java-21-openjdk-*; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then
    export JAVA_HOME=$candidate
    break
  fi
done
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null \
  || fail "no JDK 21 or newer: install one (apt-get install openjdk-21-jdk-headless) or set JAVA_HOME"

mkdir -p "$DATA"
CLASSPATH_FILE=$DATA/tools.classpath
if [ ! -s "$CLASSPATH_FILE" ] || [ local/pom.xml -nt "$CLASSPATH_FILE" ]; then
  ./mvnw -B -q -f local/pom.xml dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE" >"$DATA.tools.log" 2>&1 \
    || { tail -20 "$DATA.tools.log" >&2; fail "could not fetch the local tools' dependencies (log: $DATA.tools.log)"; }
fi
CLASSPATH=$(cat "$CLASSPATH_FILE")
TOOLS=$DATA/tools
if [ ! -f "$TOOLS/LocalTools.class" ] || [ -n "$(find local/src -name '*.java' -newer "$TOOLS/LocalTools.class")" ]; then
  rm -rf "$TOOLS"
  "$JAVA_HOME/bin/javac" -nowarn -cp "$CLASSPATH" -d "$TOOLS" local/src/*.java 2>"$DATA.tools.log" \
    || { cat "$DATA.tools.log" >&2; fail "could not compile local/src"; }
fi

colour=false
[ -t 1 ] && colour=true
exec "$JAVA_HOME/bin/java" -Dlocal.root="$ROOT" -Dlocal.colour=$colour -cp "$TOOLS:$CLASSPATH" LocalTools run "$@"
