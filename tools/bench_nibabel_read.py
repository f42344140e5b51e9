#!/usr/bin/python3
"""The nibabel side of `lossbench bench read-nifti`: reads FILE REPEATS times and prints JSON with
the wall time of each read, as int16 (np.asanyarray(img.dataobj), the stored type) and as float32
(img.get_fdata(dtype=np.float32)). Run by the benchmark with Debian's /usr/bin/python3
(apt-get install python3-nibabel); a fresh nib.load each time, so nothing is cached.
"""
import json
import sys
import time

import nibabel as nib
import numpy as np


def main() -> None:
    path, repeats = sys.argv[1], int(sys.argv[2])
    stored, as_float = [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        data = np.asanyarray(nib.load(path).dataobj)
        stored.append(time.perf_counter() - t0)
        checksum = int(data.astype(np.int64).sum())
        del data
        t0 = time.perf_counter()
        data = nib.load(path).get_fdata(dtype=np.float32)
        as_float.append(time.perf_counter() - t0)
        del data
    print(json.dumps({"nibabel": nib.__version__, "numpy": np.__version__, "stored_s": stored,
                      "float32_s": as_float, "checksum": checksum}))


if __name__ == "__main__":
    main()
