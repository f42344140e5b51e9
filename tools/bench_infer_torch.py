#!/usr/bin/python3
"""PyTorch side of `lossbench bench infer` (cli.bench.InferBenchmark): a V-Net exported by PyTorch, and
MONAI's sliding-window inference on the same weights.

    /usr/bin/python3 tools/bench_infer_torch.py export DIR --shape D,H,W --width W --in-channels C --classes K
    /usr/bin/python3 tools/bench_infer_torch.py run DIR --roi R --overlap O --threads T --repeats N

export: tools/vnet_torch_fixture.py's VNet (encoder convolutions 1, 2, 2, decoder 2, 1, 3x3x3 kernels) with
C input channels, K classes and width W, random weights (seed 20261207; PReLU slopes and biases drawn as in
the fixture so nothing is trivially zero), exported with torch.onnx.export (opset 17, input 'image'
[N, C, D, H, W] and output 'logits' with dynamic N, D, H, W) to DIR/model.onnx, its state dict to
DIR/model.pt, and a smooth random image of D x H x W as one NIfTI per channel in nnU-Net naming,
DIR/images/case_000C.nii.gz (float32; NIfTI axes x, y, z are lossbench's W, H, D; identity affine).

run: the PyTorch model (not the ONNX file) in eval mode under no_grad at T intra-op threads, through
monai.inferers.sliding_window_inference(roi R^3, sw_batch_size 1, overlap O, mode "gaussian", sigma_scale
0.125, padding constant) when MONAI can be imported (MONAI_SRC may name MONAI 1.4.0's source tree), otherwise
through the equivalent written out below (MONAI 1.4.0's dense_patch_slices, scan intervals and Gaussian
importance map with its 1e-3 floor). One warm-up call, then N timed calls (the image is read once, before
timing: MONAI in-process). Writes DIR/torch_labels.npy (argmax of the blended logits, uint8 [D, H, W]) and
DIR/torch_first_window.npy (the model's logits on the first window, image[..., :R, :R, :R]); prints one
JSON line with the timings, the implementation used and the peak resident set.
"""
import argparse
import itertools
import json
import math
import os
import sys
import time

import numpy as np

try:
    import nibabel as nib
    import torch
    import torch.nn as nn
except ImportError as e:  # the benchmark says why and measures nothing it cannot compare
    print(json.dumps({"unavailable": f"PyTorch or nibabel cannot be imported ({e}); install Debian's python3-torch and python3-nibabel"}))
    sys.exit(0)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peer_memory import peak_rss_mb  # noqa: E402
from vnet_torch_fixture import VNet  # noqa: E402


def build(cin, classes, width):
    torch.manual_seed(20261207)
    model = VNet(cin=cin, classes=classes, width=width).eval()
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.PReLU):
                m.weight.uniform_(0.05, 0.5)
            elif isinstance(m, (nn.Conv3d, nn.ConvTranspose3d)):
                m.bias.uniform_(-0.2, 0.2)
    return model


def export(a):
    d, h, w = (int(v) for v in a.shape.split(","))
    os.makedirs(os.path.join(a.dir, "images"), exist_ok=True)
    model = build(a.in_channels, a.classes, a.width)
    torch.save({"state": model.state_dict(), "cin": a.in_channels, "classes": a.classes, "width": a.width},
               os.path.join(a.dir, "model.pt"))
    x = torch.zeros(1, a.in_channels, 32, 32, 32)
    axes = {0: "n", 2: "d", 3: "h", 4: "w"}
    torch.onnx.export(model, x, os.path.join(a.dir, "model.onnx"), opset_version=17, input_names=["image"],
                      output_names=["logits"], dynamic_axes={"image": axes, "logits": axes})
    rng = np.random.default_rng(11)
    for c in range(a.in_channels):
        coarse = rng.normal(size=(d // 8 + 2, h // 8 + 2, w // 8 + 2)).astype(np.float32)
        smooth = torch.nn.functional.interpolate(torch.from_numpy(coarse)[None, None], size=(d, h, w), mode="trilinear",
                                                 align_corners=False)[0, 0].numpy()
        image = smooth + 0.1 * rng.normal(size=(d, h, w)).astype(np.float32)
        nib.save(nib.Nifti1Image(np.ascontiguousarray(image.transpose(2, 1, 0)), np.eye(4)),
                 os.path.join(a.dir, "images", f"case_{c:04d}.nii.gz"))
    print(json.dumps({"exported": os.path.join(a.dir, "model.onnx"), "torch": torch.__version__}))


def monai_equivalent(image, roi, overlap, predictor):
    """MONAI 1.4.0 sliding_window_inference for an image at least as large as the window in every axis."""
    size = image.shape[2:]
    interval = [roi[i] if roi[i] == size[i] else max(int(roi[i] * (1 - overlap)), 1) for i in range(3)]
    starts = []
    for i in range(3):
        num = int(math.ceil(float(size[i]) / interval[i]))
        scan = next((k for k in range(num) if k * interval[i] + roi[i] >= size[i]), None)
        count = scan + 1 if scan is not None else 1
        starts.append([s - max(s + roi[i] - size[i], 0) for s in (k * interval[i] for k in range(count))])
    weight = None
    for i in range(3):
        x = torch.arange(start=-(roi[i] - 1) / 2.0, end=(roi[i] - 1) / 2.0 + 1, dtype=torch.float)
        x = torch.exp(x ** 2 / (-2 * (roi[i] * 0.125) ** 2))
        weight = weight.unsqueeze(-1) * x[(None,) * i] if i > 0 else x
    weight = torch.clamp(weight, min=max(torch.min(weight).item(), 1e-3))
    out, count = None, torch.zeros(size)
    for z, y, x in itertools.product(*starts):
        window = image[:, :, z:z + roi[0], y:y + roi[1], x:x + roi[2]]
        pred = predictor(window)
        if out is None:
            out = torch.zeros((1, pred.shape[1]) + tuple(size))
        out[:, :, z:z + roi[0], y:y + roi[1], x:x + roi[2]] += pred * weight
        count[z:z + roi[0], y:y + roi[1], x:x + roi[2]] += weight
    return out / count


def run(a):
    torch.set_num_threads(a.threads)
    saved = torch.load(os.path.join(a.dir, "model.pt"))
    model = VNet(cin=saved["cin"], classes=saved["classes"], width=saved["width"]).eval()
    model.load_state_dict(saved["state"])
    files = sorted(f for f in os.listdir(os.path.join(a.dir, "images")) if f.endswith(".nii.gz"))
    chans = [np.asarray(nib.load(os.path.join(a.dir, "images", f)).dataobj, dtype=np.float32).transpose(2, 1, 0) for f in files]
    image = torch.from_numpy(np.stack(chans)[None].copy())
    roi = (a.roi, a.roi, a.roi)
    impl = "monai-equivalent (MONAI not importable)"
    if os.environ.get("MONAI_SRC"):
        sys.path.insert(0, os.environ["MONAI_SRC"])
    try:
        from monai.inferers import sliding_window_inference
        import monai

        def infer():
            return sliding_window_inference(image, roi, 1, model, overlap=a.overlap, mode="gaussian", sigma_scale=0.125,
                                            padding_mode="constant", cval=0.0)
        impl = "monai " + monai.__version__ + " sliding_window_inference"
    except ImportError:
        def infer():
            return monai_equivalent(image, roi, a.overlap, model)
    times = []
    with torch.no_grad():
        out = infer()
        for _ in range(a.repeats):
            t0 = time.perf_counter()
            out = infer()
            times.append(time.perf_counter() - t0)
        first = model(image[:, :, :a.roi, :a.roi, :a.roi])
    np.save(os.path.join(a.dir, "torch_labels.npy"), out[0].argmax(0).numpy().astype(np.uint8))
    np.save(os.path.join(a.dir, "torch_first_window.npy"), first.numpy().astype(np.float32))
    print(json.dumps({"engine": "PyTorch " + torch.__version__ + " eager", "implementation": impl, "threads": torch.get_num_threads(),
                      "median_s": float(np.median(times)), "times_s": times,
                      "peak_rss_mb": peak_rss_mb()}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["export", "run"])
    ap.add_argument("dir")
    ap.add_argument("--shape", default="96,128,128")
    ap.add_argument("--width", type=int, default=8)
    ap.add_argument("--in-channels", type=int, default=2)
    ap.add_argument("--classes", type=int, default=3)
    ap.add_argument("--roi", type=int, default=64)
    ap.add_argument("--overlap", type=float, default=0.5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    export(a) if a.mode == "export" else run(a)


if __name__ == "__main__":
    main()
