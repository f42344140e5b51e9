#!/usr/bin/python3
"""Reference values for the datasets module, from scipy (run with Debian's /usr/bin/python3).

Writes datasets/src/test/resources/org/lossbench/datasets/scipy_reference.json:
  - trilinear: scipy.ndimage.map_coordinates(order=1, mode='nearest') of a random 5x6x7 volume at
    random points, some outside the volume (edge clamping);
  - blur: scipy.ndimage.gaussian_filter(sigma=0.6, mode='nearest', truncate=3.0) of a random 6x7x8
    volume (the phantoms' point-spread function);
  - rician: mean of the Rice distribution for (nu, sigma) pairs, scipy.stats.rice.
"""
import json
import pathlib

import numpy as np
from scipy import ndimage, stats

rng = np.random.default_rng(20260101)
vol = rng.random((5, 6, 7)).astype(np.float32)
pts = rng.uniform(-1.0, 7.5, size=(3, 40))
tri = ndimage.map_coordinates(vol.astype(np.float64), pts, order=1, mode="nearest")

blur_in = rng.random((6, 7, 8)).astype(np.float32)
blur_out = ndimage.gaussian_filter(blur_in.astype(np.float64), sigma=0.6, mode="nearest", truncate=3.0)

rice = [[nu, s, float(stats.rice.mean(nu / s, scale=s))] for nu, s in [(0.0, 0.05), (0.1, 0.05), (0.45, 0.05), (1.0, 0.5)]]

out = {
    "trilinear": {"shape": list(vol.shape), "volume": vol.ravel().tolist(), "points": pts.T.tolist(), "values": tri.tolist()},
    "blur": {"shape": list(blur_in.shape), "sigma": 0.6, "input": blur_in.ravel().tolist(), "output": blur_out.ravel().tolist()},
    "rician_mean": rice,
}
path = pathlib.Path(__file__).resolve().parent.parent / "datasets/src/test/resources/org/lossbench/datasets/scipy_reference.json"
path.write_text(json.dumps(out, indent=1) + "\n")
print("wrote", path)
