#!/usr/bin/python3
"""Independent check of a generated lossbench phantom folder with nibabel and scipy.

Usage: /usr/bin/python3 tools/check_phantom.py DIR [--bins OUT.json]
Reads dataset.json, every label map (nibabel), labels the lesion class with scipy.ndimage.label
(26-connectivity) and compares component count and voxel counts with lesions/CASE.json; prints the
per-class volume fraction range over all cases. Exits 1 on any disagreement.

With --bins it also writes, per case, the number of lesion components in each size bin of
`lossbench evaluate` (equivalent-sphere diameter d = (6 V / pi)^(1/3), V = voxels x voxel volume from
the NIfTI header; bins [0,3), [3,6), [6,12), [12,24), [24,inf) mm, docs/metrics.md), and prints the
totals. The split the sweep uses (split seed 0) is not the one dataset.json records (the phantom
seed), so the file holds every case and the Java test sums it over the sweep's test split:
  java ... datasets generate phantom-lesions --out /tmp/pl2
  /usr/bin/python3 tools/check_phantom.py /tmp/pl2 \
      --bins datasets/src/test/resources/org/lossbench/datasets/phantom_lesions_v2_bins.json
"""
import argparse
import json
import math
import pathlib
import sys

import nibabel as nib
import numpy as np
from scipy import ndimage

EDGES = [3.0, 6.0, 12.0, 24.0]

parser = argparse.ArgumentParser()
parser.add_argument("dir")
parser.add_argument("--bins", help="write the per-case lesion counts per size bin to this JSON file")
args = parser.parse_args()

root = pathlib.Path(args.dir)
spec = json.loads((root / "dataset.json").read_text())
labels = {int(k): v for k, v in spec["labels"].items()}
lesion_id = next((k for k, v in labels.items() if v == "lesion"), None)
fractions = {k: [] for k in labels}
bins = {}
bad = 0
for case in spec["cases"]:
    img = nib.load(str(root / case["label"]))
    lab = np.asanyarray(img.dataobj)
    for k in labels:
        fractions[k].append(float((lab == k).mean()))
    if lesion_id is None:
        continue
    comp, n = ndimage.label(lab == lesion_id, structure=np.ones((3, 3, 3)))
    sizes = np.bincount(comp.ravel(), minlength=n + 1)[1:]
    voxel_mm3 = float(np.prod(img.header.get_zooms()[:3]))
    counts = [0] * (len(EDGES) + 1)
    for v in sizes:
        d = (6 * float(v) * voxel_mm3 / math.pi) ** (1 / 3)
        counts[sum(d >= e for e in EDGES)] += 1
    bins[case["id"]] = counts
    if case.get("extras"):
        listed = json.loads((root / case["extras"][0]).read_text())["lesions"]
        want = sorted(l["voxels"] for l in listed)
        if sorted(int(v) for v in sizes) != want:
            print(f"{case['id']}: components {sorted(int(v) for v in sizes)} vs lesion list {want}")
            bad += 1
for k, f in fractions.items():
    print(f"{k:2d} {labels[k]:18s} {min(f) * 100:8.4f}% .. {max(f) * 100:8.4f}%")
if bins:
    total = [sum(c[b] for c in bins.values()) for b in range(len(EDGES) + 1)]
    print("lesion components per size bin [0,3) [3,6) [6,12) [12,24) [24,inf) mm, all cases:", total)
if args.bins:
    head = {"source": spec["source"], "edges_mm": EDGES, "connectivity": 26}
    rows = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in bins.items())
    pathlib.Path(args.bins).write_text(json.dumps(head)[:-1] + ', "cases": {\n' + rows + "\n}}\n")
print("lesion lists agree with scipy.ndimage.label" if bad == 0 else f"{bad} cases disagree")
sys.exit(1 if bad else 0)
