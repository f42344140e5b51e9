#!/usr/bin/python3
"""Reference values for the shipped msd-hippocampus dataset, read with nibabel (independent of lossbench's reader).

Writes one CSV line per case: case id, image dtype, label dtype, shape (x y z as nibabel orders it),
the voxel counts of labels 1 and 2, and the total hippocampus volume in mm^3 (voxels of labels 1 and 2
times the voxel volume). ShippedHippocampusTest compares the Java loader and the committed split with it.

Run from the repository root:
    /usr/bin/python3 tools/hippocampus_volumes.py builtin-data/msd-hippocampus \
        > datasets/src/test/resources/org/lossbench/datasets/shipped/hippocampus_volumes.csv
"""
import json
import sys
from pathlib import Path

import nibabel as nib
import numpy as np


def main(root):
    root = Path(root)
    spec = json.loads((root / "dataset.json").read_text())
    print("case,image_dtype,label_dtype,shape,label1_voxels,label2_voxels,volume_mm3")
    for entry in spec["training"]:
        image = nib.load(root / entry["image"])
        label = nib.load(root / entry["label"])
        data = np.asanyarray(label.dataobj)
        voxel_mm3 = float(np.prod(label.header.get_zooms()[:3]))
        n1 = int((data == 1).sum())
        n2 = int((data == 2).sum())
        case = Path(entry["image"]).name[: -len(".nii.gz")]
        shape = " ".join(str(s) for s in image.shape)
        print(f"{case},{image.get_data_dtype()},{label.get_data_dtype()},{shape},{n1},{n2},{(n1 + n2) * voxel_mm3:.1f}")


if __name__ == "__main__":
    main(sys.argv[1])
