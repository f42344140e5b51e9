#!/usr/bin/env bash
# Runs the evaluator benchmark (org.lossbench.eval.bench.EvalBenchmark): lossbench and
# tools/eval_bench_scipy.py on the same synthetic 300x512x512 pair, side by side.
# Usage: tools/eval_bench.sh [-Xmx...] [--threads N] [--repeats R] [--dir DIR]
# The first argument, when it starts with -X, is passed to the JVM (default -Xmx1g).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
HEAP="-Xmx1g"
if [[ "${1:-}" == -X* ]]; then HEAP="$1"; shift; fi
mvn -B -q -ntp -o -pl eval -am test-compile >/dev/null
mvn -B -q -ntp -o -pl eval dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
# the reactor's core classes, not whatever lossbench-core jar the local repository holds
CP="eval/target/test-classes:eval/target/classes:core/target/classes:$(tr ':' '\n' < eval/target/bench-classpath.txt | grep -v '/org/lossbench/' | paste -sd:)"
exec java "$HEAP" -cp "$CP" org.lossbench.eval.bench.EvalBenchmark "$@"
