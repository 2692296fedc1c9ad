#!/usr/bin/env bash
# Engine throughput as a ratio to the JavaScript peer emulator aws-local-stepfunctions, both measured in this run:
# ../shared/bench/engine-5-state.json with inputs {"n": i % 7}, one execution after another, 10 s warm-up, best of
# 3 rounds of 10/3 s, each measurement in a fresh process, alternated peer, apitpl, peer, ... so that a change of
# machine load hits both. Not part of `mvn verify`.
# Usage: core/bench/engine-vs-peer.sh [pairs]   (default 2: peer, apitpl, peer, apitpl, peer)
set -euo pipefail
cd "$(dirname "$0")/../.."
PAIRS="${1:-2}"
PEER=aws-local-stepfunctions
PEER_VERSION=3.0.0
WORKFLOW=../shared/bench/engine-5-state.json
OUT=core/target/bench-peer

[ -f "$WORKFLOW" ] || { echo "benchmark workflow not found: $WORKFLOW" >&2; exit 1; }
mkdir -p "$OUT"
if [ "$(node -p "try { require('./$OUT/node_modules/$PEER/package.json').version } catch { '' }")" != "$PEER_VERSION" ]; then
  npm install --no-audit --no-fund --prefix "$OUT" "$PEER@$PEER_VERSION"
fi
cp core/bench/peer-throughput.mjs "$OUT/"   # beside node_modules, so that it imports the peer by name
mvn -B -ntp -pl core -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath \
  >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log"; exit 1; }
CP="core/target/test-classes:core/target/classes:$(cat core/target/bench.classpath)"

peer() { node "$OUT/peer-throughput.mjs" "$1" "$WORKFLOW"; }
apitpl() { java -cp "$CP" dev.apitpl.core.engine.EngineThroughputBenchmark "$1" "$WORKFLOW"; }

# Same outputs first: a peer that computes something else would make the ratio meaningless.
ours=$(apitpl check) theirs=$(peer check)
if ! node -e 'process.exit(require("util").isDeepStrictEqual(...process.argv.slice(1).map(JSON.parse)) ? 0 : 1)' \
    "$ours" "$theirs"; then
  printf 'OUTPUTS DIFFER for inputs {"n": 0..6}\n  apitpl: %s\n  peer:   %s\n' "$ours" "$theirs" >&2
  exit 1
fi
echo "outputs agree for inputs {\"n\": 0..6}: $ours"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average: $load_before; $PAIRS pairs + 1 peer run, alternating, each sequential, 10 s warm-up, best of 3 rounds of 3.3 s"
peer_runs=() apitpl_runs=()
measure() { # side; appends its figure to <side>_runs
  local line figure
  line=$("$1" measure)
  figure=$(sed -n 's/^[a-z]* sequential: \([0-9]*\) executions\/s.*/\1/p' <<<"$line")
  [ -n "$figure" ] || { echo "no figure in: $line" >&2; exit 1; }
  echo "  $line"
  eval "$1_runs+=($figure)"
}
for _ in $(seq "$PAIRS"); do
  measure peer
  measure apitpl
done
measure peer
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

awk -v a="${apitpl_runs[*]}" -v p="${peer_runs[*]}" -v before="$load_before" -v after="$load_after" \
    -v peer="$PEER $PEER_VERSION" 'BEGIN {
  na = split(a, as, " "); split(p, ps, " ")
  for (i = 1; i <= na; i++) {   # each apitpl run against the mean of the peer runs either side of it
    r = as[i] / ((ps[i] + ps[i + 1]) / 2)
    if (i == 1 || r < lo) lo = r; if (i == 1 || r > hi) hi = r
    if (as[i] > ba) ba = as[i]
  }
  for (i = 1; i <= na + 1; i++) if (ps[i] > bp) bp = ps[i]
  printf "engine-5-state sequential: apitpl %d executions/s, %s %d executions/s (best runs); ratio %.1fx " \
    "(per apitpl run against the peer runs either side: %.1f-%.1fx); load average %s before, %s after\n",
    ba, peer, bp, ba / bp, lo, hi, before, after
}'
