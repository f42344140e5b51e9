#!/usr/bin/python3
"""Per-layer CPU profile of the PyTorch peer of lossbench's CPU inference benchmark.

    /usr/bin/python3 tools/profile_torch.py --params DIR --config CONFIG.json --input IN.npy \
        [--threads 1] [--repeats 5]

Runs the network of tools/bench_torch.py (same weights and input, written by
org.lossbench.models.bench.OrtProfile or InferenceBench) and times every functional call (conv3d,
conv_transpose3d, prelu, add, cat) by the lossbench scope it belongs to (enc1/conv0, dec0/up, ...),
wall (perf_counter) and CPU (process_time), median over the repeats after one warm-up. Prints one
JSON line: per-stage and per-op medians in ms and the whole forward pass; compare it with OrtProfile's.
"""
import argparse
import collections
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_torch  # noqa: E402


class TimedNet(bench_torch.Net):
    """bench_torch.Net with every layer call timed under the scope lossbench gives it."""

    def __init__(self, params_dir, cfg):
        super().__init__(params_dir, cfg)
        self.wall = collections.defaultdict(float)
        self.cpu = collections.defaultdict(float)

    def _timed(self, key, fn, *args, **kw):
        t0, c0 = time.perf_counter(), time.process_time()
        y = fn(*args, **kw)
        self.wall[key] += time.perf_counter() - t0
        self.cpu[key] += time.process_time() - c0
        return y

    def conv(self, x, scope):
        return self._timed((scope, "conv3d_k%d" % self.k), super().conv, x, scope)

    def down(self, x, scope):
        return self._timed((scope, "conv3d_down"), super().down, x, scope)

    def up(self, x, scope):
        return self._timed((scope, "conv_transpose3d"), super().up, x, scope)

    def prelu(self, x, name):
        return self._timed((name.split(".")[0], "prelu"), super().prelu, x, name)

    def forward(self, x):
        real_cat = torch.cat
        real_conv3d = F.conv3d

        def cat(parts, dim=0):
            return self._timed(("cat", "cat"), real_cat, parts, dim=dim)

        def head_conv(x, w, b, **kw):
            key = ("head", "conv3d_1x1") if w.shape[2] == 1 else None
            return self._timed(key, real_conv3d, x, w, b, **kw) if key else real_conv3d(x, w, b, **kw)

        torch.cat, F.conv3d = cat, head_conv
        try:
            return super().forward(x)
        finally:
            torch.cat, F.conv3d = real_cat, real_conv3d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--params", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--input", required=True)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--repeats", type=int, default=5)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    with open(a.config) as f:
        cfg = json.load(f)
    net = TimedNet(a.params, cfg)
    x = torch.from_numpy(np.load(a.input))
    runs = []
    with torch.inference_mode():
        for r in range(a.repeats + 1):
            net.wall.clear()
            net.cpu.clear()
            t0, c0 = time.perf_counter(), time.process_time()
            net.forward(x)
            total = (time.perf_counter() - t0, time.process_time() - c0)
            if r > 0:
                runs.append((dict(net.wall), dict(net.cpu), total))
    keys = runs[0][0].keys()
    med = lambda v: float(np.median(v)) * 1e3  # noqa: E731
    stages = {}
    for k in keys:
        stages["%s %s" % k] = {"wall_ms": med([r[0][k] for r in runs]), "cpu_ms": med([r[1][k] for r in runs])}
    by_op = collections.defaultdict(lambda: [0.0, 0.0])
    for k, v in stages.items():
        by_op[k.split(" ")[1]][0] += v["wall_ms"]
        by_op[k.split(" ")[1]][1] += v["cpu_ms"]
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(),
                      "forward_wall_ms": med([r[2][0] for r in runs]), "forward_cpu_ms": med([r[2][1] for r in runs]),
                      "by_op_ms": {k: {"wall": v[0], "cpu": v[1]} for k, v in by_op.items()}, "by_stage": stages}))


if __name__ == "__main__":
    main()
