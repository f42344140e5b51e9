#!/usr/bin/python3
"""Independent check of a generated lossbench phantom folder with nibabel and scipy.

Usage: /usr/bin/python3 tools/check_phantom.py DIR
Reads dataset.json, every label map (nibabel), labels the lesion class with scipy.ndimage.label
(26-connectivity) and compares component count and voxel counts with lesions/CASE.json; prints the
per-class volume fraction range over all cases. Exits 1 on any disagreement.
"""
import json
import pathlib
import sys

import nibabel as nib
import numpy as np
from scipy import ndimage

root = pathlib.Path(sys.argv[1])
spec = json.loads((root / "dataset.json").read_text())
labels = {int(k): v for k, v in spec["labels"].items()}
lesion_id = next((k for k, v in labels.items() if v == "lesion"), None)
fractions = {k: [] for k in labels}
bad = 0
for case in spec["cases"]:
    lab = np.asanyarray(nib.load(str(root / case["label"])).dataobj)
    for k in labels:
        fractions[k].append(float((lab == k).mean()))
    if lesion_id is not None and case.get("extras"):
        listed = json.loads((root / case["extras"][0]).read_text())["lesions"]
        comp, n = ndimage.label(lab == lesion_id, structure=np.ones((3, 3, 3)))
        sizes = sorted(int((comp == i).sum()) for i in range(1, n + 1))
        want = sorted(l["voxels"] for l in listed)
        if sizes != want:
            print(f"{case['id']}: components {sizes} vs lesion list {want}")
            bad += 1
for k, f in fractions.items():
    print(f"{k:2d} {labels[k]:18s} {min(f) * 100:8.4f}% .. {max(f) * 100:8.4f}%")
print("lesion lists agree with scipy.ndimage.label" if bad == 0 else f"{bad} cases disagree")
sys.exit(1 if bad else 0)
