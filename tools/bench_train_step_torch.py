#!/usr/bin/python3
"""PyTorch side of the training-step benchmark (run by `lossbench bench train-step`, cli.bench.TrainStepBenchmark).

    /usr/bin/python3 tools/bench_train_step_torch.py --params DIR --config CONFIG.json \
        --image IMAGE.npy --labels LABELS.npy --threads T --repeats R

The same network (tools/train_step_torch.py's TrainNet, lossbench's weights), the same dice+ce loss
(with vnet-lite's deep supervision) and torch.optim.SGD(lr=1e-4, momentum=0.99); one warm-up step,
then R timed steps (zero_grad, forward, backward, optimiser step). Prints one JSON line: the medians,
wall and process CPU seconds per step, the loss of the first (warm-up) step, computed from the initial weights
(lossbench's first step must give the same), and the process's peak resident set (VmHWM).
"""
import argparse
import json
import os
import sys
import time

import numpy as np

try:
    import torch
except ImportError as e:  # the benchmark reports lossbench alone and says why
    print(json.dumps({"unavailable": f"PyTorch cannot be imported ({e}); install Debian's python3-torch"}))
    sys.exit(0)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peer_memory import peak_rss_mb  # noqa: E402
from train_step_torch import TrainNet, total_loss  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--params", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--image", required=True)
    ap.add_argument("--labels", required=True)
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    with open(a.config) as f:
        cfg = json.load(f)
    net = TrainNet(a.params, cfg)
    x = torch.from_numpy(np.load(a.image))
    y = torch.from_numpy(np.load(a.labels).astype(np.int64))
    opt = torch.optim.SGD(list(net.p.values()), lr=1e-4, momentum=0.99)

    def step():
        opt.zero_grad()
        loss, _, _ = total_loss(net.forward_train(x), y)
        loss.backward()
        opt.step()
        return float(loss.detach())

    first_loss = step()
    times, cpu = [], []
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        c0 = time.process_time()
        step()
        cpu.append(time.process_time() - c0)
        times.append(time.perf_counter() - t0)
    print(json.dumps({"engine": "pytorch eager", "torch": torch.__version__, "threads": torch.get_num_threads(),
                      "median_s": float(np.median(times)), "times_s": times, "cpu_s": cpu,
                      "first_loss": first_loss,
                      "peak_rss_mb": peak_rss_mb()}))


if __name__ == "__main__":
    main()
