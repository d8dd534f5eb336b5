#!/usr/bin/env bash
# Benchmark of `scalefit batch` (not a unit test): groups/s on many Chinchilla groups, against a shell loop
# of `scalefit fit` over a sample of the groups and against the scipy reference on a sample, in one run.
# Usage (from the project root, after `mvn-slot -o -q package -DskipTests -pl scalefit-cli -am`):
#   bench/batch_bench.sh [GROUPS=10000] [PER_BUDGET=30] [LOOP_SAMPLE=5] [SCIPY_SAMPLE=2] [THREADS=2]
# The scipy reference is looked for in ${SCALEFIT_SHARED:-../shared}/reference.
# Rows per group = 8 budgets × PER_BUDGET (30 → 240 rows, the size of the Chinchilla data set).
set -euo pipefail
NGROUPS=${1:-10000}; PER_BUDGET=${2:-30}; LOOP=${3:-5}; SCIPY=${4:-2}; THREADS=${5:-2}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SF="$ROOT/scalefit"
REF="${SCALEFIT_SHARED:-$ROOT/../shared}/reference/chinchilla_approach3_scipy.py"
W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
BUDGETS=1e18,6e18,1e19,6e19,1e20,6e20,1e21,1e22
"$SF" simulate --law chinchilla --groups "$NGROUPS" --budgets "$BUDGETS" --per-budget "$PER_BUDGET" \
  --noise 0.005 --seed 11 -o "$W/runs.csv" --truth "$W/truth.csv" >/dev/null
ROWS=$(( 8 * PER_BUDGET ))
echo "== $NGROUPS groups x $ROWS rows, varpro, $THREADS threads ($(nproc) cores)"
T0=$(date +%s.%N)
"$SF" batch "$W/runs.csv" --group-by group --law chinchilla --solver varpro --threads "$THREADS" \
  -o "$W/out.csv" --no-progress --json > "$W/batch.json" || true
T1=$(date +%s.%N)
python3 - "$W/batch.json" "$T0" "$T1" "$THREADS" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); wall = float(sys.argv[3]) - float(sys.argv[2]); t = int(sys.argv[4])
print(f"batch: {s['fitted']} fitted, {s['failed']} failed in {s['seconds']:.1f} s of work ({wall:.1f} s wall with"
      f" JVM start): {s['fitted'] / wall:.1f} groups/s, {s['fitted'] / wall / t:.1f} groups/s per core")
PY
# a shell loop of single fits over the first LOOP groups: what one `scalefit fit` per group costs
python3 - "$W/runs.csv" "$W" "$LOOP" "$SCIPY" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]))); w = sys.argv[2]; k = max(int(sys.argv[3]), int(sys.argv[4]))
groups = sorted({r['group'] for r in rows})[:k]
for g in groups:
    mine = [r for r in rows if r['group'] == g]
    with open(f"{w}/{g}.csv", 'w', newline='') as f:
        out = csv.writer(f); out.writerow(['N', 'D', 'C', 'L'])
        for r in mine: out.writerow([r['N'], r['D'], r['C'], r['L']])
    # the reference's column names; it drops the 5 highest losses, so it fits ROWS-5 of the group's rows
    with open(f"{w}/{g}.ref.csv", 'w', newline='') as f:
        out = csv.writer(f); out.writerow(['Model Size', 'Training FLOP', 'loss'])
        for r in mine: out.writerow([r['N'], r['C'], r['L']])
print("\n".join(groups), file=open(f"{w}/sample.txt", 'w'))
PY
T0=$(date +%s.%N)
for g in $(head -n "$LOOP" "$W/sample.txt"); do
  "$SF" fit "$W/$g.csv" --law chinchilla --solver varpro --threads 1 --no-progress --json > /dev/null
done
T1=$(date +%s.%N)
python3 -c "import sys; d=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print(f'shell loop of scalefit fit: {n} groups in {d:.1f} s: {d/n:.2f} s/group, {n/d:.2f} groups/s on one core')" "$T0" "$T1" "$LOOP"
if [ -f "$REF" ] && [ "$SCIPY" -gt 0 ]; then
  T0=$(date +%s.%N)
  for g in $(head -n "$SCIPY" "$W/sample.txt"); do
    python3 "$REF" "$W/$g.ref.csv" --boot 0 --skip-numgrad | grep -E '^\[grid' || true
  done
  T1=$(date +%s.%N)
  python3 -c "import sys; d=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print(f'scipy reference (4,500-start grid, exact gradient, per group): {d/n:.2f} s/group, {n/d:.3f} groups/s on one core')" "$T0" "$T1" "$SCIPY"
fi
