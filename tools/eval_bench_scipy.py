#!/usr/bin/python3
"""The scipy side of lossbench's evaluator benchmark (EvalBenchmark): the same metrics as
tools/eval_reference.py (overlap, HD/HD95/ASSD/NSD, 26-connected components, greedy lesion matching
with per-lesion Dice and HD95) on one reference/prediction pair, timed without file reading.

    /usr/bin/python3 tools/eval_bench_scipy.py REF.nii PRED.nii

Prints one JSON object: seconds, peak resident memory (MB) and the per-class values.
"""
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_reference as ref_impl  # noqa: E402


def main():
    ref, spacing = ref_impl.load(sys.argv[1])
    pred, _ = ref_impl.load(sys.argv[2])
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    labels = ref_impl.present_labels(ref, pred)
    classes = ref_impl.evaluate_pair(ref, pred, spacing, labels, connectivities=(26,))
    seconds = time.perf_counter() - t0
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    json.dump({"seconds": seconds, "peak_rss_mb": rss_peak, "rss_after_load_mb": rss_loaded,
               "labels": labels, "classes": classes}, sys.stdout, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
