#!/usr/bin/python3
"""Small NIfTI files written by nibabel, for testing lossbench's reader against another writer.

Run with Debian's interpreter (apt-get install python3-nibabel):
    /usr/bin/python3 tools/nifti_fixtures.py core/src/test/resources/org/lossbench/core/io/nifti/nibabel

Writes one file per case plus expected.json: for each file the datatype, byte order, version,
shape in [C][D][H][W] order, spacing (sz, sy, sx), the affine nibabel reports, and the voxel
values after scaling, flattened in NIfTI order (x fastest), which is lossbench's [C][D][H][W].
"""
import json
import sys
from pathlib import Path

import nibabel as nib
import numpy as np

RNG = np.random.default_rng(20261129)

# an oblique affine: rotation about an oblique axis, left-handed (qfac = -1), anisotropic
theta = 0.4
axis = np.array([1.0, 2.0, 2.0]) / 3.0
K = np.array([[0, -axis[2], axis[1]], [axis[2], 0, -axis[0]], [-axis[1], axis[0], 0]])
R = np.eye(3) + np.sin(theta) * K + (1 - np.cos(theta)) * K @ K
R[:, 2] *= -1  # improper: qfac -1
ZOOMS = np.array([0.8, 0.9, 2.5])
AFFINE = np.eye(4)
AFFINE[:3, :3] = R * ZOOMS
AFFINE[:3, 3] = [-90.5, 12.25, 33.0]

CASES = [
    # name, numpy dtype, byte order, nifti version, 4th dim, scaling (slope, inter)
    ("uint8_le", "u1", "<", 1, 1, None),
    ("int8_be", "i1", ">", 1, 1, None),
    ("int16_be", "i2", ">", 1, 1, None),
    ("uint16_le", "u2", "<", 2, 1, None),
    ("int32_le", "i4", "<", 1, 1, None),
    ("uint32_be", "u4", ">", 2, 1, None),
    ("float32_be", "f4", ">", 1, 1, None),
    ("float64_le", "f8", "<", 2, 1, None),
    ("int16_scaled_le", "i2", "<", 1, 1, (0.5, -1024.0)),
    ("float32_4d_le", "f4", "<", 1, 3, None),
    ("float32_4d_be_nifti2", "f4", ">", 2, 2, None),
]


def values_for(dtype: np.dtype, shape):
    if dtype.kind == "f":
        return RNG.normal(0, 100, size=shape).astype(dtype)
    info = np.iinfo(dtype)
    lo, hi = info.min, min(info.max, 2**31 - 1)
    v = RNG.integers(lo, hi, size=shape, endpoint=True, dtype=np.int64).astype(dtype)
    v.flat[0] = lo
    v.flat[1] = hi
    return v


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    expected = []
    for name, code, order, version, nt, scaling in CASES:
        dtype = np.dtype(order + code)
        shape = (5, 4, 3) if nt == 1 else (5, 4, 3, nt)  # x, y, z[, t]
        data = values_for(dtype, shape)
        cls = nib.Nifti1Image if version == 1 else nib.Nifti2Image
        img = cls(data, AFFINE)
        hdr = img.header
        hdr.set_data_dtype(dtype)
        if scaling:
            hdr.set_slope_inter(*scaling)
        hdr.set_qform(AFFINE, code=1)
        hdr.set_sform(AFFINE, code=2)
        if order == ">":
            img = cls(data, AFFINE, hdr.as_byteswapped(">"))
            if scaling:
                img.header.set_slope_inter(*scaling)
        path = out / f"{name}.nii.gz" if version == 1 else out / f"{name}.nii"
        nib.save(img, str(path))
        back = nib.load(str(path))
        assert back.header.endianness == order, (name, back.header.endianness)
        scaled = np.asanyarray(back.dataobj).astype(np.float64)
        # NIfTI order: x fastest; numpy (x, y, z, t) in Fortran order is exactly that
        flat = scaled.flatten(order="F")
        zooms = back.header.get_zooms()
        expected.append({
            "file": path.name,
            "datatype": {"u1": "uint8", "i1": "int8", "i2": "int16", "u2": "uint16", "i4": "int32",
                         "u4": "uint32", "f4": "float32", "f8": "float64"}[code],
            "big_endian": order == ">",
            "version": version,
            "shape_cdhw": [nt, shape[2], shape[1], shape[0]],
            "spacing_zyx": [float(zooms[2]), float(zooms[1]), float(zooms[0])],
            "affine": [[float(v) for v in row] for row in back.affine],
            "qform": [[float(v) for v in row] for row in back.get_qform()],
            "values": [float(v) for v in flat],
        })
    (out / "expected.json").write_text(json.dumps(expected, indent=0) + "\n")


if __name__ == "__main__":
    main()
