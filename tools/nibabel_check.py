#!/usr/bin/env python3
"""Prints nibabel's view of NIfTI files as JSON, to check files that lossbench's NiftiWriter wrote.

Usage: /usr/bin/python3 tools/nibabel_check.py FILE...   (Debian: python3-nibabel, python3-numpy)

For each FILE one JSON object, in a list, in argument order:
  file         the base name
  version      1 or 2 (nibabel's image class)
  shape        nibabel's array shape, (nx, ny, nz[, channels])
  dtype        the on-disk datatype as numpy names it (header.get_data_dtype())
  affine       img.affine, 4x4 row-major (the sform when sform_code > 0, else the qform)
  qform        header.get_qform(), 4x4 row-major
  qform_code, sform_code
  zooms        header.get_zooms()
  sum          float64 sum of img.get_fdata() (scaling applied)
  weighted_sum sum over voxels of value * (n % 7 + 1), n the voxel's position in file order
               (x fastest, then y, z, channel: numpy's Fortran order of nibabel's array)
  min, max     of the data
  sha256       SHA-256 of the file's bytes after gunzip (header and voxel data), to pin a fixture

lossbench's NiftiWriterNibabelTest runs this script where nibabel is installed and compares its
output with what it wrote; core/src/test/resources/.../nibabel-view/expected.json is its output for
the files that test's deterministic writer call produces (regenerate: see that test's Javadoc).
"""
import gzip
import hashlib
import json
import os
import sys

import nibabel as nib
import numpy as np


def view(path):
    img = nib.load(path)
    header = img.header
    data = np.asarray(img.get_fdata(dtype=np.float64))
    flat = data.reshape(-1, order="F")
    weights = (np.arange(flat.size) % 7 + 1).astype(np.float64)
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    return {
        "file": os.path.basename(path),
        "version": 2 if isinstance(img, nib.Nifti2Image) else 1,
        "shape": list(int(s) for s in data.shape),
        "dtype": str(header.get_data_dtype().newbyteorder("=")),
        "affine": img.affine.tolist(),
        "qform": header.get_qform().tolist(),
        "qform_code": int(header["qform_code"]),
        "sform_code": int(header["sform_code"]),
        "zooms": [float(z) for z in header.get_zooms()],
        "sum": float(flat.sum()),
        "weighted_sum": float((flat * weights).sum()),
        "min": float(flat.min()),
        "max": float(flat.max()),
        "sha256": hashlib.sha256(raw).hexdigest(),
    }


def main(paths):
    if not paths:
        sys.exit("usage: nibabel_check.py FILE...")
    json.dump([view(p) for p in paths], sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1:])
