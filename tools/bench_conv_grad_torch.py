#!/usr/bin/python3
"""PyTorch side of the convolution-gradient benchmark (org.lossbench.core.graph.grad.ConvGradBench).

    /usr/bin/python3 tools/bench_conv_grad_torch.py C SIZE KERNEL THREADS REPEATS

One C -> C KERNEL^3 Conv3d with same padding on a [1, C, SIZE, SIZE, SIZE] float32 tensor, PyTorch
eager on the CPU with THREADS threads: forward alone, and forward plus backward (input and weight
gradients) for a given output gradient. Prints one JSON line per variant with the median and the
minimum wall milliseconds over REPEATS runs after one warm-up and, with one thread, the median CPU
milliseconds of the calling thread (PyTorch then runs every kernel on it).
"""
import json
import statistics
import sys
import time

import torch
import torch.nn.functional as F


def timed(fn, repeats):
    fn()
    ms = []
    cpu = []
    for _ in range(repeats):
        c0 = time.thread_time()
        t0 = time.perf_counter()
        fn()
        ms.append((time.perf_counter() - t0) * 1e3)
        cpu.append((time.thread_time() - c0) * 1e3)
    return statistics.median(ms), min(ms), statistics.median(cpu)


def main():
    c, size, k, threads, repeats = (int(a) for a in sys.argv[1:6])
    torch.set_num_threads(threads)
    g = torch.Generator().manual_seed(0)
    x = torch.rand(1, c, size, size, size, generator=g) - 0.5
    w = torch.rand(c, c, k, k, k, generator=g) - 0.5
    gy = torch.rand(1, c, size, size, size, generator=g) - 0.5
    pad = (k - 1) // 2

    def forward():
        with torch.no_grad():
            F.conv3d(x, w, padding=pad)

    def forward_backward():
        xr = x.clone().requires_grad_(True)
        wr = w.clone().requires_grad_(True)
        F.conv3d(xr, wr, padding=pad).backward(gy)

    for name, fn in (("torch-forward", forward), ("torch-forward-backward", forward_backward)):
        med, best, cpu = timed(fn, repeats)
        row = {"variant": name, "channels": c, "size": size, "kernel": k, "threads": threads,
               "repeats": repeats, "median_ms": round(med, 1), "min_ms": round(best, 1)}
        if threads == 1:
            row["cpu_median_ms"] = round(cpu, 1)
        row["torch"] = torch.__version__
        print(json.dumps(row))


if __name__ == "__main__":
    main()
