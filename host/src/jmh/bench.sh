#!/usr/bin/env bash
# Runs a benchmark from host/src/jmh.
#   host/src/jmh/bench.sh trigger-path [fallback|jit]   lines/s through one lane's work (no NATS)
#   host/src/jmh/bench.sh nats-lane   [fallback|jit]    the bot on a real nats-server beside a bare jnats subscriber
#   host/src/jmh/bench.sh burst                         the launched bot (bin/kryten-llm) fed 100,000-line bursts: loss, memory
# Extra JVM flags: BENCH_OPTS (e.g. -Dbench.lines=100000). Results: docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
which="${1:-trigger-path}"
mode="${2:-fallback}"
(cd .. && mvn -B -q -Pbench -DskipTests package -pl host -am)
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
case "$which" in
  trigger-path) main=dev.kryten.llm.bench.TriggerPathBench ;;
  nats-lane) main=dev.kryten.llm.bench.NatsLaneBench ;;
  burst) main=dev.kryten.llm.bench.BurstBench ;;
  *) echo "unknown benchmark $which" >&2; exit 2 ;;
esac
flags=(-Dkryten.project.dir="$(cd .. && pwd)" -Dkryten.version="$(cat ../VERSION)" -Dpolyglot.engine.WarnInterpreterOnly=false
       --sun-misc-unsafe-memory-access=allow -Xmx512m)
if [ "$mode" = jit ]; then
  # GraalJS's optimizing runtime on a stock JDK: Graal jars as modules, the Graal compiler through JVMCI.
  graal=$(tr ':' '\n' <<<"$cp" | grep -E '/org/graalvm/' | paste -sd: -)
  rest=$(tr ':' '\n' <<<"$cp" | grep -vE '/org/graalvm/' | paste -sd: -)
  exec "$JAVA_HOME/bin/java" "${flags[@]}" -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI \
    --enable-native-access=ALL-UNNAMED,org.graalvm.truffle \
    --module-path "$graal" --add-modules=org.graalvm.polyglot --upgrade-module-path target/jit/compiler-*.jar \
    ${BENCH_OPTS:-} -cp "$rest" "$main"
else
  exec "$JAVA_HOME/bin/java" "${flags[@]}" --enable-native-access=ALL-UNNAMED ${BENCH_OPTS:-} -cp "$cp" "$main"
fi
