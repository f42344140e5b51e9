#!/usr/bin/python3
"""Independent reference for lossbench's aggregated Dice (DSCagg) on real label maps.

Run with Debian's interpreter (numpy, nibabel):

    /usr/bin/python3 tools/dsc_agg_reference.py ../shared/realdata > cli/src/test/resources/org/lossbench/cli/dsc_agg_realdata.json

Treats two real reference/prediction pairs of different spacing as the cases of one evaluation
(sct_t2s: 0.5 x 0.5 x 7.5 mm, totalsegmentator_example: 3 mm isotropic) and computes, per class
(every non-zero label in any map), with numpy on the whole volumes:
    TP_mm3 = sum over cases of |R & P| * voxel volume, FP_mm3 = |P & ~R| * v, FN_mm3 = |R & ~P| * v,
    DSCagg = 2 TP / (2 TP + FP + FN)   (HECKTOR 2022, HNTS-MRG 2024),
with the voxel volume sz * sy * sx from pixdim widened to float64 (tools/eval_reference.py's reader).
"""
import json
import sys
from pathlib import Path

import nibabel as nib
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_reference import load  # noqa: E402  (NIfTI reading as lossbench does: [z, y, x], spacing (sz, sy, sx))

CASES = [
    ("sct_t2s", "t2s_seg.nii.gz", "t2s_seg-deepseg.nii.gz"),
    ("totalsegmentator_example", "example_seg.nii.gz", "example_seg_fast.nii.gz"),
]


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/realdata")
    maps = []
    for folder, ref_name, pred_name in CASES:
        ref, spacing = load(root / folder / ref_name)
        pred, _ = load(root / folder / pred_name)
        sz, sy, sx = spacing
        maps.append((folder, ref, pred, sz * sy * sx))
    labels = sorted({int(v) for _, r, p, _ in maps for v in np.union1d(np.unique(r), np.unique(p)) if v != 0})
    classes = {}
    for label in labels:
        tp = fp = fn = 0.0
        contributing = 0
        for _, ref, pred, vv in maps:
            r = ref == label
            p = pred == label
            if r.any() or p.any():
                contributing += 1
            tp += int(np.count_nonzero(r & p)) * vv
            fp += int(np.count_nonzero(p & ~r)) * vv
            fn += int(np.count_nonzero(r & ~p)) * vv
        classes[str(label)] = {"tp_mm3": tp, "fp_mm3": fp, "fn_mm3": fn, "contributing": contributing,
                               "dsc_agg": 2 * tp / (2 * tp + fp + fn)}
    result = {"tool": "tools/dsc_agg_reference.py", "numpy": np.__version__, "nibabel": nib.__version__,
              "cases": [{"case": f, "ref": r, "pred": p} for f, r, p in CASES],
              "voxel_volume_mm3": {folder: vv for folder, _, _, vv in maps},
              "labels": labels, "classes": classes}
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
