#!/usr/bin/python3
"""Peer for DatasetsBench's spatial augmentation: the same work with PyTorch's grid_sample, which is
what MONAI's RandAffine / Rand3DElastic use on CPU.

Per patch: cut a random 48^3 window from a 64^3 two-channel volume and its labels, build the sampling
grid of a random rotation (+-30 deg about each axis) and zoom (0.7..1.4) plus a dense displacement
(a random 5^3 control grid, sigma 2 voxels, upsampled trilinearly), then resample the image
trilinearly and the labels by nearest neighbour. Prints the median patches/s of 5 runs.

Usage: /usr/bin/python3 tools/bench_augment_torch.py [threads] [patch] [patches-per-run]
"""
import math
import sys
import time

import torch
import torch.nn.functional as F

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
p = int(sys.argv[2]) if len(sys.argv) > 2 else 48
count = int(sys.argv[3]) if len(sys.argv) > 3 else 100
torch.set_num_threads(threads)
gen = torch.Generator().manual_seed(5)
image = torch.rand((1, 2, 64, 64, 64), generator=gen)
labels = torch.randint(0, 4, (1, 1, 64, 64, 64), generator=gen).float()


def rotation(a, b, g):
    ca, sa, cb, sb, cg, sg = math.cos(a), math.sin(a), math.cos(b), math.sin(b), math.cos(g), math.sin(g)
    ra = torch.tensor([[1, 0, 0], [0, ca, -sa], [0, sa, ca]])
    rb = torch.tensor([[cb, 0, -sb], [0, 1, 0], [sb, 0, cb]])
    rg = torch.tensor([[cg, -sg, 0], [sg, cg, 0], [0, 0, 1]])
    return ra @ rb @ rg


def patch():
    z, y, x = (int(v) for v in torch.randint(0, 64 - p + 1, (3,), generator=gen))
    img = image[:, :, z:z + p, y:y + p, x:x + p]
    lab = labels[:, :, z:z + p, y:y + p, x:x + p]
    ang = (torch.rand(3, generator=gen) * 2 - 1) * math.radians(30)
    k = 0.7 + 0.7 * float(torch.rand(1, generator=gen))
    theta = torch.zeros((1, 3, 4))
    theta[0, :, :3] = rotation(*ang.tolist()).T / k
    grid = F.affine_grid(theta, (1, 2, p, p, p), align_corners=True)
    ctrl = torch.randn((1, 3, 5, 5, 5), generator=gen) * (2.0 * 2 / (p - 1))
    disp = F.interpolate(ctrl, size=(p, p, p), mode="trilinear", align_corners=True).permute(0, 2, 3, 4, 1)
    grid = grid + disp
    out = F.grid_sample(img, grid, mode="bilinear", padding_mode="zeros", align_corners=True)
    out_lab = F.grid_sample(lab, grid, mode="nearest", padding_mode="zeros", align_corners=True)
    return out, out_lab


for _ in range(10):
    patch()
rates = []
for _ in range(5):
    t0 = time.perf_counter()
    for _ in range(count):
        patch()
    rates.append(count / (time.perf_counter() - t0))
rates.sort()
print(f"torch grid_sample peer: {p}^3 two-channel patches, rotation+zoom+elastic, {threads} threads: "
      f"median {rates[2]:.1f} patches/s (runs {[round(r, 1) for r in rates]})")
