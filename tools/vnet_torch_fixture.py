#!/usr/bin/python3
"""Builds a small V-Net in PyTorch, exports it to ONNX and saves PyTorch's output as test fixtures.

Run with Debian's interpreter (torch 1.13, numpy 1.24, nibabel 5.0):

    /usr/bin/python3 tools/vnet_torch_fixture.py models/src/test/resources/org/lossbench/models/torch

The network follows the V-Net layout of org.lossbench.models.arch.VNetBuilder (Milletari et al. 2016):
residual stages whose input (channel-repeated at stage 0) is added to the last convolution's output
before a PReLU, 2x2x2 stride-2 convolutions down, 2x2x2 stride-2 transposed convolutions up,
concatenation with the skip connection, and a 1x1x1 head. Here C_in = 1, K = 3, width 4,
encoder convolutions (1, 2, 2), decoder (2, 1), 3x3x3 kernels. Biases and PReLU slopes are random,
so that nothing in the comparison is trivially zero.

Writes:
    vnet_small.onnx        the model (opset 17, input 'image' [N,1,D,H,W], output 'logits' [N,3,D,H,W])
    input.nii.gz           a 16^3 float32 image (NIfTI axes x, y, z = our W, H, D), affine diag(1.5, 1, 2)
    expected_logits.npy    PyTorch's logits for that image, float32 [1, 3, 16, 16, 16] (N, C, D, H, W)
"""
import os
import sys

import nibabel as nib
import numpy as np
import torch
import torch.nn as nn


class Stage(nn.Module):
    """n convolutions, PReLU between them, the shortcut added before the last PReLU."""

    def __init__(self, cin, c, n, k):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv3d(cin if i == 0 else c, c, k, padding=k // 2) for i in range(n)])
        self.acts = nn.ModuleList([nn.PReLU(c) for _ in range(n)])

    def forward(self, x, shortcut):
        h = x
        for i, conv in enumerate(self.convs):
            h = conv(h)
            if i < len(self.convs) - 1:
                h = self.acts[i](h)
        return self.acts[-1](h + shortcut)


class VNet(nn.Module):
    def __init__(self, cin=1, classes=3, width=4, enc=(1, 2, 2), dec=(2, 1), k=3):
        super().__init__()
        self.width = width
        depth = len(enc) - 1
        ch = [width * 2 ** s for s in range(depth + 1)]
        self.ch = ch
        self.stage0 = Stage(cin, ch[0], enc[0], k)
        self.downs = nn.ModuleList([nn.Conv3d(ch[s - 1], ch[s], 2, stride=2) for s in range(1, depth + 1)])
        self.down_acts = nn.ModuleList([nn.PReLU(ch[s]) for s in range(1, depth + 1)])
        self.enc = nn.ModuleList([Stage(ch[s], ch[s], enc[s], k) for s in range(1, depth + 1)])
        ups, up_acts, decs = [], [], []
        for j in range(depth):
            i = depth - 1 - j
            cin_up = ch[depth] if i == depth - 1 else 4 * ch[i]
            ups.append(nn.ConvTranspose3d(cin_up, ch[i], 2, stride=2))
            up_acts.append(nn.PReLU(ch[i]))
            decs.append(Stage(2 * ch[i], 2 * ch[i], dec[j], k))
        self.ups, self.up_acts, self.decs = nn.ModuleList(ups), nn.ModuleList(up_acts), nn.ModuleList(decs)
        self.head = nn.Conv3d(2 * ch[0], classes, 1)

    def forward(self, x):
        reps = (self.ch[0] + x.shape[1] - 1) // x.shape[1]
        shortcut = torch.cat([x] * reps, dim=1)[:, : self.ch[0]]
        h = self.stage0(x, shortcut)
        skips = [h]
        for s in range(len(self.downs)):
            d = self.down_acts[s](self.downs[s](h))
            h = self.enc[s](d, d)
            if s < len(self.downs) - 1:
                skips.append(h)
        for j in range(len(self.ups)):
            i = len(self.ups) - 1 - j
            u = self.up_acts[j](self.ups[j](h))
            cat = torch.cat([u, skips[i]], dim=1)
            h = self.decs[j](cat, cat)
        return self.head(h)


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(20260101)
    model = VNet().eval()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.PReLU):
                m.weight.uniform_(0.05, 0.5)
            elif isinstance(m, (nn.Conv3d, nn.ConvTranspose3d)):
                m.bias.uniform_(-0.2, 0.2)
    rng = np.random.default_rng(7)
    image = rng.uniform(-1.0, 1.0, size=(16, 16, 16)).astype(np.float32)  # [D, H, W]
    x = torch.from_numpy(image[None, None])
    with torch.no_grad():
        logits = model(x).numpy().astype(np.float32)
    torch.onnx.export(model, x, os.path.join(out_dir, "vnet_small.onnx"), opset_version=17,
                      input_names=["image"], output_names=["logits"],
                      dynamic_axes={"image": {0: "N", 2: "D", 3: "H", 4: "W"},
                                    "logits": {0: "N", 2: "D", 3: "H", 4: "W"}})
    affine = np.diag([1.5, 1.0, 2.0, 1.0])
    nib.save(nib.Nifti1Image(image.transpose(2, 1, 0), affine), os.path.join(out_dir, "input.nii.gz"))
    np.save(os.path.join(out_dir, "expected_logits.npy"), logits)
    print("logits range", float(logits.min()), float(logits.max()), "torch", torch.__version__)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "models/src/test/resources/org/lossbench/models/torch")
