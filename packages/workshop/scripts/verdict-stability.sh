#!/usr/bin/env bash
# Grades an exercise's solution and its starter RUNS times in a row, optionally
# with BURNERS processes spinning a core each, and prints each run's verdict
# and wall time. Verdicts must not change from run to run.
#
#   packages/workshop/scripts/verdict-stability.sh 02 10 2
set -euo pipefail
exercise=${1:?usage: verdict-stability.sh <exercise> [runs] [burners]}
runs=${2:-10}
burners=${3:-0}
cd "$(dirname "$0")/../../.."

burner_pids=()
cleanup() { for pid in "${burner_pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT
for _ in $(seq 1 "$burners"); do
  node -e 'for (;;) {}' &
  burner_pids+=("$!")
done

bin=packages/workshop/bin/workshop.js
for run in $(seq 1 "$runs"); do
  for which in solution starter; do
    flag=()
    [ "$which" = solution ] && flag=(--solution)
    start=$(date +%s.%N)
    set +e
    summary=$(NO_COLOR=1 node "$bin" test "$exercise" "${flag[@]}" 2>&1 | grep -E '^[0-9]+ passed, [0-9]+ failed$')
    code=$?
    set -e
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    printf 'run %2d  %-8s  %-22s  %5.1f s\n' "$run" "$which" "${summary:-no summary (exit $code)}" "$wall"
  done
done
