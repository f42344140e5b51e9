#!/usr/bin/env bash
# The CI smoke gate (docs/gate.md): a small, deterministic sweep on phantom-tiny, compared with the committed
# baseline in results/ci-smoke/baseline/ by `lossbench compare`. Exit status: compare's (0 pass, 1 a regression or an improvement,
# 2 usage, 3 bad input), or the sweep's when the sweep itself could not run.
#
#   results/ci-smoke/run.sh             run the sweep into results/ci-smoke/current/ (gitignored) and gate it
#   results/ci-smoke/run.sh --refresh   run the sweep and make its results the new baseline, with machine.txt (the CPU model and
#                                       Java version it was made with); commit them deliberately, see results/ci-smoke/README.md
#
# The sweep's settings are results/ci-smoke/smoke.json, which SmokeBaselineTest also runs (it fails when the baseline is stale).
#
# LOSSBENCH_SMOKE_OUT overrides the output folder; the JUnit report is $OUT/gate.xml, the Markdown diff $OUT/gate.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
OUT="${LOSSBENCH_SMOKE_OUT:-results/ci-smoke/current}"
BASELINE=results/ci-smoke/baseline

# a fresh folder: a rerun would skip the finished cells and keep their old timings
rm -rf "$OUT/smoke"
mkdir -p "$OUT"
sweep_rc=0
# smoke.json: 3 losses x 3 seeds of vnet-tiny, 30 steps of 2 x 16^3 patches, on phantom-tiny's test case; 2 threads fixed, so
# that training and inference are bit-identical from run to run on one machine (docs/training.md). summary.md stays in the folder.
./lossbench sweep --spec results/ci-smoke/smoke.json --out "$OUT" > /dev/null || sweep_rc=$?

if [[ "${1:-}" == "--refresh" ]]; then
  if [[ $sweep_rc -ne 0 ]]; then
    echo "run.sh: the sweep failed (exit $sweep_rc); the baseline is left as it was" >&2
    exit "$sweep_rc"
  fi
  mkdir -p "$BASELINE"
  for f in manifest.json summary.csv summary.json case_timings.csv summary.md; do
    cp "$OUT/smoke/$f" "$BASELINE/$f"
  done
  # the machine kind: the numbers are bit-identical only on the same CPU model with the same Java (SmokeBaselineTest reads this)
  { echo "cpu=$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"
    echo "java=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"; } > "$BASELINE/machine.txt"
  echo "run.sh: $BASELINE refreshed from $OUT/smoke; review 'git diff $BASELINE' and commit it with the reason" >&2
  exit 0
fi

# timings pooled over the losses: 9 samples of the per-case inference seconds instead of 3 per loss; the slowdown factor is 3,
# not 1.5, because the baseline was timed on another occasion (load, machine): docs/gate.md has the measured ratios
gate_rc=0
./lossbench compare "$BASELINE" "$OUT/smoke" --timing-pool model --max-slowdown "${LOSSBENCH_SMOKE_MAX_SLOWDOWN:-3}" --junit "$OUT/gate.xml" --markdown "$OUT/gate.md" || gate_rc=$?
if [[ $gate_rc -eq 0 && $sweep_rc -ne 0 ]]; then
  exit "$sweep_rc"
fi
exit "$gate_rc"
