#!/usr/bin/python3
"""PyTorch side of the training-step cross-check (issue 7): two optimiser steps of lossbench's
vnet-tiny and vnet-lite (deep supervision) with the dice+ce loss, in PyTorch 1.13 eager.

    java -cp ... org.lossbench.models.train.TorchStepFixtures /tmp/tsf     # initial weights, batches
    /usr/bin/python3 tools/train_step_torch.py /tmp/tsf \
        models/src/test/resources/org/lossbench/models/train/train_step_torch.npz

The network is tools/bench_torch.py's functional rebuild of VNetBuilder / VNetLiteBuilder (the same
parameter names), plus vnet-lite's deep-supervision heads (1x1x1 conv on the output of decoder stage
i > 0, at 1/2^i resolution). The loss, written here from its definitions (docs/losses.md), is MONAI's
DiceCELoss(softmax=True, to_onehot_y=True): soft Dice with smoothing 1e-5 over (n, c) including the
background, plus the mean cross-entropy. Deep supervision: labels taken every 2^i-th voxel, weights
1/2^i normalised to sum 1. Optimisers: torch.optim.SGD(lr=1e-2, momentum=0.99, weight_decay=1e-4) and
torch.optim.Adam(lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-4), one step on batch 0 then
one on batch 1. The .npz holds the inputs (so the check can be rerun) and the results:
  image0, labels0, image1, labels1 (the initial weights are not stored: lossbench regenerates them from
  the seed, bit for bit), <model>/<opt>/step2/<param> (after both steps),
  <model>/<opt>/loss<t> = [loss, dice, ce] before step t (t = 1, 2).
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_torch import Net  # noqa: E402


class TrainNet(Net):
    def __init__(self, params_dir, cfg):
        super().__init__(params_dir, cfg)
        for t in self.p.values():
            t.requires_grad_(True)

    def forward_train(self, x):
        """[logits, logits_ds1, ...]: as Net.forward, plus vnet-lite's deep-supervision heads."""
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
        ds = {}
        for j in range(depth):
            i = depth - 1 - j
            sc = "dec%d" % i
            u = self.prelu(self.up(h, sc + "/up"), sc + "/up.act")
            cat = torch.cat([u, skips[i]], dim=1)
            if lite:
                h = self.prelu(self.conv(cat, sc + "/conv0") + u, sc + "/act")
                if i > 0:
                    ds[i] = F.conv3d(h, self.w(sc + "/ds_head/weight"), self.w(sc + "/ds_head/bias"))
            else:
                h = self.stage(cat, cat, sc, cfg["decoder_convs"][j])
        out = [F.conv3d(h, self.w("head/weight"), self.w("head/bias"))]
        for i in sorted(ds):
            out.append(ds[i])
        return out


def dice_ce(z, y):
    k = z.shape[1]
    p = torch.softmax(z, 1)
    g = F.one_hot(y, k).permute(0, 4, 1, 2, 3).to(z.dtype)
    inter = (p * g).sum((2, 3, 4))
    denom = p.sum((2, 3, 4)) + g.sum((2, 3, 4))
    dice = (1 - (2 * inter + 1e-5) / (denom + 1e-5)).mean()
    ce = F.cross_entropy(z, y)
    return dice + ce, dice, ce


def total_loss(heads, y):
    w = [1.0 / 2 ** i for i in range(len(heads))]
    s = sum(w)
    total = None
    first = None
    for i, z in enumerate(heads):
        yi = y[:, :: 2 ** i, :: 2 ** i, :: 2 ** i]
        l, d, c = dice_ce(z, yi)
        if i == 0:
            first = (d, c)
        term = l if len(heads) == 1 else l * (w[i] / s)
        total = term if total is None else total + term
    return total, first[0], first[1]


def main(src, out_path):
    torch.set_num_threads(1)
    with open(os.path.join(src, "config.json")) as f:
        configs = json.load(f)
    out = {}
    batches = []
    for b in range(2):
        img = np.load(os.path.join(src, "image%d.npy" % b))
        lab = np.load(os.path.join(src, "labels%d.npy" % b)).astype(np.int64)
        out["image%d" % b] = img
        out["labels%d" % b] = lab.astype(np.int32)
        batches.append((torch.from_numpy(img), torch.from_numpy(lab)))
    for model, cfg in configs.items():
        for opt_name in ("sgd", "adam"):
            net = TrainNet(os.path.join(src, model), cfg)
            if opt_name == "sgd":
                opt = torch.optim.SGD(list(net.p.values()), lr=1e-2, momentum=0.99, weight_decay=1e-4)
            else:
                opt = torch.optim.Adam(list(net.p.values()), lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-4)
            for t, (x, y) in enumerate(batches, start=1):
                opt.zero_grad()
                loss, d, c = total_loss(net.forward_train(x), y)
                loss.backward()
                opt.step()
                out["%s/%s/loss%d" % (model, opt_name, t)] = np.array([loss.item(), d.item(), c.item()], dtype=np.float64)
            for n, p in net.p.items():
                out["%s/%s/step2/%s" % (model, opt_name, n)] = p.detach().numpy().copy()
            print(model, opt_name, "losses", [out["%s/%s/loss%d" % (model, opt_name, t)].tolist() for t in (1, 2)])
    np.savez_compressed(out_path, **out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
