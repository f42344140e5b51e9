#!/usr/bin/python3
"""PyTorch side of the CPU inference benchmark (run by org.lossbench.models.bench.InferenceBench).

    /usr/bin/python3 tools/bench_torch.py --params DIR --config CONFIG.json --input IN.npy \
        --threads T --repeats R [--expect ORT_LOGITS.npy]

Builds the same V-Net / vnet-lite as lossbench (the layout of VNetBuilder / VNetLiteBuilder, written
here functionally with torch.nn.functional), loads lossbench's weights (one .npy per parameter, named
like the ONNX initializer with '/' replaced by '__'), runs PyTorch eager inference on the same input
with the same thread count, and prints one JSON line: median seconds over the repeats and the largest
difference from ONNX Runtime's logits (which shows that both ran the same model).
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn.functional as F


class Net:
    def __init__(self, params_dir, cfg):
        self.cfg = cfg
        self.p = {}
        for f in os.listdir(params_dir):
            if f.endswith(".npy"):
                self.p[f[:-4].replace("__", "/")] = torch.from_numpy(np.load(os.path.join(params_dir, f)))
        self.norm = cfg.get("normalization", "none") == "instance"
        self.k = cfg["kernel"]

    def w(self, name):
        return self.p[name]

    def _norm(self, x, scope):
        if not self.norm:
            return x
        return F.instance_norm(x, weight=self.w(scope + "/norm.scale"), bias=self.w(scope + "/norm.bias"), eps=1e-5)

    def conv(self, x, scope):
        y = F.conv3d(x, self.w(scope + "/weight"), self.w(scope + "/bias"), padding=self.k // 2)
        return self._norm(y, scope)

    def prelu(self, x, name):
        return F.prelu(x, self.w(name + ".slope").reshape(-1))

    def down(self, x, scope):
        return self._norm(F.conv3d(x, self.w(scope + "/weight"), self.w(scope + "/bias"), stride=2), scope)

    def up(self, x, scope):
        return self._norm(F.conv_transpose3d(x, self.w(scope + "/weight"), self.w(scope + "/bias"), stride=2), scope)

    def stage(self, x, shortcut, scope, n):
        h = x
        for c in range(n):
            h = self.conv(h, scope + "/conv%d" % c)
            if c < n - 1:
                h = self.prelu(h, scope + "/act%d" % c)
        return self.prelu(h + shortcut, scope + "/act")

    def forward(self, x):
        cfg = self.cfg
        enc = cfg["encoder_convs"]
        depth = len(enc) - 1
        c0 = cfg["width"]
        reps = (c0 + x.shape[1] - 1) // x.shape[1]
        shortcut = torch.cat([x] * reps, dim=1)[:, :c0]
        h = self.stage(x, shortcut, "enc0", enc[0])
        skips = [h]
        for s in range(1, depth + 1):
            d = self.prelu(self.down(h, "enc%d/down" % s), "enc%d/down.act" % s)
            h = self.stage(d, d, "enc%d" % s, enc[s])
            if s < depth:
                skips.append(h)
        lite = cfg["arch"] == "vnet-lite"
        for j in range(depth):
            i = depth - 1 - j
            sc = "dec%d" % i
            u = self.prelu(self.up(h, sc + "/up"), sc + "/up.act")
            cat = torch.cat([u, skips[i]], dim=1)
            if lite:
                h = self.prelu(self.conv(cat, sc + "/conv0") + u, sc + "/act")
            else:
                h = self.stage(cat, cat, sc, cfg["decoder_convs"][j])
        return F.conv3d(h, self.w("head/weight"), self.w("head/bias"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--params", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--input", required=True)
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--expect")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    with open(a.config) as f:
        cfg = json.load(f)
    net = Net(a.params, cfg)
    x = torch.from_numpy(np.load(a.input))
    times = []
    cpu = []
    with torch.inference_mode():
        y = net.forward(x)  # warm-up
        for _ in range(a.repeats):
            t0 = time.perf_counter()
            c0 = time.process_time()
            y = net.forward(x)
            cpu.append(time.process_time() - c0)
            times.append(time.perf_counter() - t0)
    out = {"median_s": float(np.median(times)), "times_s": times, "cpu_s": cpu, "threads": torch.get_num_threads(),
           "torch": torch.__version__, "mkldnn": torch.backends.mkldnn.is_available()}
    if a.expect:
        out["max_abs_diff_vs_ort"] = float(np.abs(np.load(a.expect) - y.numpy()).max())
    print(json.dumps(out))


if __name__ == "__main__":
    main()
