#!/usr/bin/python3
"""Reference header values and label histograms of the real label maps in ../shared/realdata,
read with nibabel (an implementation independent of lossbench).

Run with Debian's interpreter (apt-get install python3-nibabel):
    /usr/bin/python3 tools/nifti_reference.py ../shared/realdata \
        > core/src/test/resources/org/lossbench/core/io/nifti/realdata-nibabel.json

For each file it records nibabel's shape and zooms (x, y, z order, as nibabel gives them),
the best affine (img.affine), the qform/sform codes, the on-disk dtype and the histogram of the
scaled voxel values (label -> voxel count). lossbench reports shape and spacing in [D, H, W] =
[z, y, x] order; the test reverses these.
"""
import json
import sys
from pathlib import Path

import nibabel as nib
import numpy as np


def describe(path: Path, root: Path) -> dict:
    img = nib.load(str(path))
    hdr = img.header
    data = np.asanyarray(img.dataobj)
    values, counts = np.unique(data, return_counts=True)
    return {
        "file": str(path.relative_to(root)),
        "nibabel": nib.__version__,
        "shape_xyz": [int(s) for s in img.shape],
        "zooms_xyz": [float(z) for z in hdr.get_zooms()[:3]],
        "affine": [[float(v) for v in row] for row in img.affine],
        "qform_code": int(hdr["qform_code"]),
        "sform_code": int(hdr["sform_code"]),
        "dtype": str(hdr.get_data_dtype()),
        "histogram": {str(int(v)): int(c) for v, c in zip(values, counts)},
    }


def main() -> None:
    root = Path(sys.argv[1])
    files = sorted(p for p in root.rglob("*.nii.gz"))
    json.dump([describe(p, root) for p in files], sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
