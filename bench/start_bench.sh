#!/usr/bin/env bash
# Start cost of a command, as a ratio against a reference jar in the same session: the median over R
# alternating runs of wall time and of CPU (user + sys) seconds.
# usage: bench/start_bench.sh REFERENCE.jar CANDIDATE.jar [RUNS] -- ARGS...
#   e.g. bench/start_bench.sh /tmp/before/scalefit-cli/target/scalefit.jar scalefit-cli/target/scalefit.jar 15 -- laws
set -euo pipefail
ref="$1"; cand="$2"; runs="${3:-15}"
shift 3; [ "${1:-}" = "--" ] && shift
measure() { # jar -> "wall cpu"
  /usr/bin/time -f "%e %U %S" -o /tmp/start_one java -jar "$1" "${@:2}" >/dev/null 2>&1 || true
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' /tmp/start_one
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
: >/tmp/start_ref; : >/tmp/start_cand
java -jar "$ref" "$@" >/dev/null 2>&1 || true   # warm the page cache for both
java -jar "$cand" "$@" >/dev/null 2>&1 || true
for i in $(seq "$runs"); do
  measure "$ref" "$@" >>/tmp/start_ref
  measure "$cand" "$@" >>/tmp/start_cand
done
rw=$(cut -d' ' -f1 /tmp/start_ref | median); rc=$(cut -d' ' -f2 /tmp/start_ref | median)
cw=$(cut -d' ' -f1 /tmp/start_cand | median); cc=$(cut -d' ' -f2 /tmp/start_cand | median)
echo "command: scalefit $*   ($runs alternating runs, medians)"
echo "reference  wall ${rw} s  cpu ${rc} s"
echo "candidate  wall ${cw} s  cpu ${cc} s"
awk -v a="$rw" -v b="$cw" -v c="$rc" -v d="$cc" 'BEGIN {printf "ratio      wall %.3f  cpu %.3f\n", b/a, d/c}'
