#!/usr/bin/python3
"""Small .npy files written by NumPy, for testing lossbench's reader against NumPy's writer.

    /usr/bin/python3 tools/npy_fixtures.py core/src/test/resources/org/lossbench/core/io/npy/numpy

Writes one file per case and expected.json: dtype name, shape and the values in C order
(what lossbench must return, even for Fortran-ordered files).
"""
import json
import sys
from pathlib import Path

import numpy as np
from numpy.lib import format as npformat

RNG = np.random.default_rng(7)


def values(dtype: np.dtype, shape):
    if dtype.kind == "b":
        return RNG.integers(0, 2, size=shape).astype(dtype)
    if dtype.kind == "f":
        return RNG.normal(0, 10, size=shape).astype(dtype)
    info = np.iinfo(dtype)
    v = RNG.integers(info.min, info.max, size=shape, endpoint=True, dtype=np.int64 if info.max < 2**63 else np.uint64)
    v = v.astype(dtype)
    if v.size > 0:
        v.flat[0] = info.min
    if v.size > 1:
        v.flat[1] = info.max
    return v


CASES = [
    ("float32_le", "<f4", (2, 3, 4), "C", None),
    ("float32_be", ">f4", (3, 5), "C", None),
    ("float64_le_fortran", "<f8", (2, 3, 4), "F", None),
    ("int8", "|i1", (7,), "C", None),
    ("uint8_fortran", "|u1", (4, 3, 2), "F", None),
    ("int16_be", ">i2", (2, 2, 2, 3), "C", None),
    ("uint16_le", "<u2", (6,), "C", None),
    ("int32_le", "<i4", (1, 2, 3, 2, 2), "C", None),
    ("uint32_be", ">u4", (5,), "C", None),
    ("int64_le_fortran", "<i8", (3, 4), "F", None),
    ("bool", "|b1", (3, 3), "C", None),
    ("scalar_float32", "<f4", (), "C", None),
    ("empty_int32", "<i4", (0, 3), "C", None),
    ("float32_v2", "<f4", (2, 2), "C", (2, 0)),
    ("float32_v3", "<f4", (2, 2), "C", (3, 0)),
]


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    expected = []
    for name, descr, shape, order, version in CASES:
        dtype = np.dtype(descr)
        arr = np.array(values(dtype, shape), dtype=dtype, order=order)
        assert arr.shape == shape
        path = out / f"{name}.npy"
        with open(path, "wb") as f:
            if version:
                npformat.write_array(f, arr, version=version)
            else:
                np.save(f, arr)
        back = np.load(path)
        assert np.array_equal(back, arr)
        expected.append({
            "file": path.name,
            "dtype": {"b": "bool"}.get(dtype.kind, dtype.name),
            "shape": list(shape),
            "fortran": order == "F" and len(shape) > 1,
            "values": [float(v) if dtype.kind == "f" else int(v) for v in arr.flatten(order="C")],
        })
    (out / "expected.json").write_text(json.dumps(expected) + "\n")


if __name__ == "__main__":
    main()
