#!/usr/bin/env python3
"""Reference values for SlidingWindowMonaiTest: MONAI's Gaussian sliding-window blending of a model
whose overlapping windows disagree.

The model is a 5x5x5 convolution (1 input channel, 2 classes, zero padding 2, weights and bias by the
formulas below) followed by a softmax over the classes. Near a window's border the zero padding
replaces image content, so the same voxel gets different probabilities in different windows, and
the blended result depends on the window plan and the Gaussian weights. The model outputs
probabilities already, so MONAI (which blends raw outputs) and lossbench (which blends softmax
probabilities, nnU-Net style, and does not softmax a model that already gives probabilities) blend
the same numbers. lossbench builds the same convolution as an ONNX graph from the same formulas.

Input: one channel of D x H x W = 20 x 24 x 28, image[z, y, x] by the formula in image().
Writes, into the directory given as the only argument (float32 .npy, shape (2, 20, 24, 28)):
  single_pass.npy     the module applied to the whole volume at once (no windows); needs torch only
  monai_gaussian.npy  monai.inferers.sliding_window_inference(image, roi_size=(16, 16, 16),
                      sw_batch_size=1, predictor=module, overlap=0.5, mode="gaussian",
                      sigma_scale=0.125, padding_mode="constant", cval=0.0); needs MONAI 1.4.0

Run with Debian's torch (python3-torch) and MONAI 1.4.0's pure-Python source tree (its git tag 1.4.0,
the folder that contains the package folder `monai/`), which needs no build for this function:

  MONAI_SRC=/path/to/MONAI-1.4.0 /usr/bin/python3 tools/sliding_window_monai.py \
      models/src/test/resources/org/lossbench/models/infer/sliding-window-monai

Without MONAI_SRC only single_pass.npy is written and the script exits with status 2.
"""
import os
import sys

import numpy as np
import torch

SHAPE = (20, 24, 28)  # D, H, W
ROI = (16, 16, 16)
CLASSES = 2
KERNEL = 5


def image():
    """image[z, y, x] = 2 sin(0.45 x + 0.3 y) cos(0.25 z) + 0.05 (x - y + z), computed in float64, stored as float32."""
    z, y, x = np.meshgrid(*[np.arange(n, dtype=np.float64) for n in SHAPE], indexing="ij")
    return (2.0 * np.sin(0.45 * x + 0.3 * y) * np.cos(0.25 * z) + 0.05 * (x - y + z)).astype(np.float32)


def weights():
    """w[c, 0, a, b, d] = 0.3 cos(1.3 c + 0.7 a - 0.4 b + 0.9 d), a, b, d in 0..4 (kernel z, y, x); bias (0.1, -0.2)."""
    c, a, b, d = np.meshgrid(np.arange(CLASSES), *[np.arange(KERNEL)] * 3, indexing="ij")
    w = 0.3 * np.cos(1.3 * c + 0.7 * a - 0.4 * b + 0.9 * d)
    return w[:, None].astype(np.float32), np.array([0.1, -0.2], dtype=np.float32)


class ConvSoftmax(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv3d(1, CLASSES, KERNEL, padding=KERNEL // 2)
        w, b = weights()
        with torch.no_grad():
            self.conv.weight.copy_(torch.from_numpy(w))
            self.conv.bias.copy_(torch.from_numpy(b))

    def forward(self, x):
        return torch.softmax(self.conv(x), dim=1)


def main(out_dir):
    torch.set_num_threads(1)
    model = ConvSoftmax().eval()
    x = torch.from_numpy(image())[None, None]
    os.makedirs(out_dir, exist_ok=True)
    with torch.no_grad():
        np.save(os.path.join(out_dir, "single_pass.npy"), model(x)[0].numpy().astype(np.float32))
    src = os.environ.get("MONAI_SRC")
    if not src:
        print("MONAI_SRC is not set: wrote single_pass.npy only; set it to MONAI 1.4.0's source tree", file=sys.stderr)
        sys.exit(2)
    sys.path.insert(0, src)
    import monai
    from monai.inferers import sliding_window_inference

    if monai.__version__ != "1.4.0":
        print(f"warning: MONAI {monai.__version__} at {monai.__file__}, expected 1.4.0", file=sys.stderr)
    with torch.no_grad():
        blended = sliding_window_inference(x, roi_size=ROI, sw_batch_size=1, predictor=model, overlap=0.5,
                                           mode="gaussian", sigma_scale=0.125, padding_mode="constant", cval=0.0)
    np.save(os.path.join(out_dir, "monai_gaussian.npy"), blended[0].numpy().astype(np.float32))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: sliding_window_monai.py OUT_DIR")
    main(sys.argv[1])
