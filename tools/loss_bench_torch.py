#!/usr/bin/python3
"""PyTorch side of the loss benchmark (org.lossbench.losses.bench.LossGraphBench): median milliseconds of
each loss's forward pass in float32 eager mode on the CPU, with the formulas of tools/loss_reference.py.

    /usr/bin/python3 tools/loss_bench_torch.py N K D H W THREADS REPEATS
"""
import sys
import time

import numpy as np
import torch

sys.path.insert(0, __file__.rsplit("/", 1)[0])
import loss_reference as ref  # noqa: E402

SPECS = ["ce", "topk", "dice", "dice-vnet", "generalized-dice", "focal", "exp-log", "tversky", "focal-tversky", "dice+ce"]


def main():
    n, k, d, h, w, threads, repeats = (int(a) for a in sys.argv[1:8])
    torch.set_num_threads(threads)
    rng = np.random.default_rng(0)
    z = torch.from_numpy((3 * rng.standard_normal((n, k, d, h, w))).astype(np.float32))
    y = torch.from_numpy(rng.integers(0, k, size=(n, d, h, w)).astype(np.int64))
    print("shape [%d, %d, %d, %d, %d], %d threads, %d repeats (median ms)" % (n, k, d, h, w, threads, repeats))
    print("spec\ttorch_ms")
    for spec in SPECS:
        f = ref.SPECS[spec]
        with torch.no_grad():
            for _ in range(3):
                f(z, y)
            times = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                f(z, y)
                times.append((time.perf_counter() - t0) * 1e3)
        print("%s\t%.2f" % (spec, float(np.median(times))))


if __name__ == "__main__":
    main()
