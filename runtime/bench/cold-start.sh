#!/usr/bin/env bash
# Cold-start benchmark: a fresh JVM that loads GenericApiCallLambda from the shaded Lambda jar and serves
# one request, against a fresh JVM running a bare JDK-HttpClient handler making the same call.
# Usage: runtime/bench/cold-start.sh [repetitions] [baseline-lambda-jar]   (from the project root; builds the jar first)
# With a second jar (another build's apitpl-runtime-*-lambda.jar), its handler runs interleaved too, so a change is
# measured before and after in the same run.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS="${1:-7}"
BASELINE_JAR="${2:-}"
if [ -n "$BASELINE_JAR" ]; then BASELINE_JAR=$(realpath "$BASELINE_JAR"); fi
mvn -B -q -ntp -pl runtime -am package -DskipTests
JAR=$(ls runtime/target/apitpl-runtime-*-lambda.jar)
OUT=runtime/target/bench
rm -rf "$OUT" && mkdir -p "$OUT/classes"
javac -d "$OUT/classes" -cp "$JAR" runtime/bench/*.java

java -cp "$OUT/classes" BenchServer "$OUT/port" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$OUT/port" ] && break; sleep 0.1; done
PORT=$(cat "$OUT/port")

export APITPL_ALLOWED_DESTINATIONS=127.0.0.1
export APITPL_SECRET_BENCH_TOKEN=bench-token

millis() { echo $(( $(date +%s%N) / 1000000 )); }
run() { # label, jvm flags..., then class and classpath via globals
  local start end
  start=$(millis)
  java "$@" >/dev/null || { echo "run failed: java $*" >&2; exit 1; }
  end=$(millis)
  echo $((end - start))
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

printf 'shaded jar: %s (%d bytes)\n' "$JAR" "$(stat -c %s "$JAR")"
for flags in "" "-XX:TieredStopAtLevel=1"; do
  handler=() bare=() baseline=()
  for _ in $(seq "$REPS"); do   # interleaved so machine load hits all alike
    handler+=("$(run $flags -cp "$JAR:$OUT/classes" HandlerCall "$PORT")")
    bare+=("$(run $flags -cp "$OUT/classes" BareCall "$PORT")")
    if [ -n "$BASELINE_JAR" ]; then baseline+=("$(run $flags -cp "$BASELINE_JAR:$OUT/classes" HandlerCall "$PORT")"); fi
  done
  h=$(printf '%s\n' "${handler[@]}" | median)
  b=$(printf '%s\n' "${bare[@]}" | median)
  printf 'flags=[%s] reps=%s handler median=%d ms (%s) bare median=%d ms (%s) ratio=%s\n' \
    "${flags:-default}" "$REPS" "$h" "${handler[*]}" "$b" "${bare[*]}" "$(awk -v h="$h" -v b="$b" 'BEGIN {printf "%.2f", h/b}')"
  if [ -n "$BASELINE_JAR" ]; then
    l=$(printf '%s\n' "${baseline[@]}" | median)
    printf 'flags=[%s] baseline jar %s median=%d ms (%s) ratio to bare=%s; this jar / baseline=%s\n' "${flags:-default}" \
      "$(basename "$BASELINE_JAR")" "$l" "${baseline[*]}" "$(awk -v l="$l" -v b="$b" 'BEGIN {printf "%.2f", l/b}')" \
      "$(awk -v h="$h" -v l="$l" 'BEGIN {printf "%.2f", h/l}')"
  fi
done
