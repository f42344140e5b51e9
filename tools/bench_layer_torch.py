#!/usr/bin/python3
"""PyTorch side of `InferenceBench layer`: one C -> C 5x5x5 Conv3d (padding 2, bias) on a [1, C, D, D, D]
input with the given thread count; prints one JSON line with the wall (perf_counter) and CPU
(process_time) seconds of each repeat after one warm-up, like tools/bench_torch.py.

    /usr/bin/python3 tools/bench_layer_torch.py C D THREADS REPEATS

The weights are random (the timing of a dense convolution does not depend on the values).
"""
import json
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def main():
    c, d, threads, repeats = (int(a) for a in sys.argv[1:5])
    torch.set_num_threads(threads)
    g = torch.Generator().manual_seed(0)
    x = torch.rand(1, c, d, d, d, generator=g) * 2 - 1
    w = (torch.rand(c, c, 5, 5, 5, generator=g) * 2 - 1) * 0.05
    b = torch.rand(c, generator=g)
    times, cpu = [], []
    with torch.inference_mode():
        F.conv3d(x, w, b, padding=2)
        for _ in range(repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            F.conv3d(x, w, b, padding=2)
            cpu.append(time.process_time() - c0)
            times.append(time.perf_counter() - t0)
    print(json.dumps({"median_s": float(np.median(times)), "times_s": times, "cpu_s": cpu, "threads": torch.get_num_threads(),
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
