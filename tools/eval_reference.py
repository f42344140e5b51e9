#!/usr/bin/python3
"""Independent reference implementation of lossbench's evaluator metrics, with numpy/scipy/nibabel.

Run with Debian's interpreter (numpy 1.24, scipy 1.10, nibabel 5.0):

    /usr/bin/python3 tools/eval_reference.py ../shared/realdata > eval/src/test/resources/org/lossbench/eval/realdata_reference.json

Definitions follow MONAI (monai.metrics.utils.get_mask_edges / get_surface_distance,
HausdorffDistanceMetric, SurfaceDistanceMetric(symmetric=True), SurfaceDiceMetric) and are written
here from scratch with scipy.ndimage:
  * edges: mask ^ binary_erosion(mask) (cross-shaped structure, border_value=0), computed on the
    bounding box of both masks grown by one voxel, as MONAI's crop does;
  * directed distances: distance_transform_edt(~edges_other, sampling=spacing) at the edge voxels;
  * HD = max of both directions; HD95 = max of the two directed np.percentile(.., 95) (linear);
    ASSD = mean of both directions pooled; NSD = share of both edges within the tolerance;
  * connected components: ndimage.label with generate_binary_structure(3, 1 | 3) (6 | 26);
  * lesion matching: greedy one-to-one by decreasing overlap (ties: lower ref id, then lower pred id).
Volumes are used in [z, y, x] order (nibabel's [x, y, z] transposed), spacing (sz, sy, sx) from
pixdim as stored (float32 in NIfTI-1, float64 in NIfTI-2) widened to float64, as lossbench's NIfTI
reader does.
"""
import json
import sys
from pathlib import Path

import nibabel as nib
import numpy as np
from scipy import ndimage

PAIRS = [
    ("panoptica_spine_semantic", "ref.nii.gz", "pred.nii.gz"),
    ("sct_t2s", "t2s_seg.nii.gz", "t2s_seg-deepseg.nii.gz"),
    ("totalsegmentator_example", "example_seg.nii.gz", "example_seg_fast.nii.gz"),
]
TOLERANCE_MM = 2.0


def load(path):
    img = nib.load(str(path))
    data = np.asarray(img.dataobj)
    if data.dtype.kind == "f":
        if not np.all(np.isfinite(data)) or not np.all(data == np.round(data)):
            raise SystemExit(f"{path}: not an integer label map")
        data = data.astype(np.int32)
    zyx = np.ascontiguousarray(np.transpose(data, (2, 1, 0)))
    # as stored: float32 in NIfTI-1 (widened exactly), float64 in NIfTI-2
    pixdim = np.asarray(img.header["pixdim"][1:4]).astype(np.float64)
    sx, sy, sz = [1.0 if (v == 0 or not np.isfinite(v)) else abs(v) for v in pixdim]
    return zyx, (sz, sy, sx)


def bbox(mask, margin, shape):
    idx = np.nonzero(mask)
    return tuple(slice(max(0, int(i.min()) - margin), min(s, int(i.max()) + 1 + margin)) for i, s in zip(idx, shape))


def directed_distances(a, b, spacing):
    """(edge distances a->b, b->a) for two non-empty boolean masks."""
    box = bbox(a | b, 1, a.shape)
    a = a[box]
    b = b[box]
    ea = a ^ ndimage.binary_erosion(a)
    eb = b ^ ndimage.binary_erosion(b)
    ab = ndimage.distance_transform_edt(~eb, sampling=spacing)[ea]
    ba = ndimage.distance_transform_edt(~ea, sampling=spacing)[eb]
    return ab, ba


def surface_metrics(a, b, spacing, tol):
    ab, ba = directed_distances(a, b, spacing)
    both = np.concatenate([ab, ba])
    return {
        "hd_mm": float(both.max()),
        "hd95_mm": float(max(np.percentile(ab, 95), np.percentile(ba, 95))),
        "assd_mm": float(both.mean()),
        "nsd": float(np.count_nonzero(both <= tol) / both.size),
    }


def structure(connectivity):
    return ndimage.generate_binary_structure(3, {6: 1, 18: 2, 26: 3}[connectivity])


def lesions(ref_mask, pred_mask, spacing, connectivity):
    rl, nr = ndimage.label(ref_mask, structure(connectivity))
    pl, np_ = ndimage.label(pred_mask, structure(connectivity))
    rsizes = np.bincount(rl.ravel(), minlength=nr + 1)[1:]
    psizes = np.bincount(pl.ravel(), minlength=np_ + 1)[1:]
    both = (rl > 0) & (pl > 0)
    pairs = {}
    if both.any():
        keys, counts = np.unique(np.stack([rl[both], pl[both]]), axis=1, return_counts=True)
        for (r, p), c in zip(keys.T, counts):
            pairs[(int(r), int(p))] = int(c)
    order = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1]))
    r2p, p2r = {}, {}
    for (r, p), c in order:
        if r not in r2p and p not in p2r:
            r2p[r] = p
            p2r[p] = r
    rbox = ndimage.find_objects(rl)
    pbox = ndimage.find_objects(pl)
    dices, hd95s = [], []
    for r in range(1, nr + 1):
        if r in r2p:
            p = r2p[r]
            # crop to the pair's joint bounding box: outside it neither component has a voxel
            box = tuple(slice(min(u.start, v.start), max(u.stop, v.stop)) for u, v in zip(rbox[r - 1], pbox[p - 1]))
            a = rl[box] == r
            b = pl[box] == p
            dices.append(2.0 * pairs[(r, p)] / (rsizes[r - 1] + psizes[p - 1]))
            ab, ba = directed_distances(a, b, spacing)
            hd95s.append(float(max(np.percentile(ab, 95), np.percentile(ba, 95))))
    return {
        "ref_components": int(nr),
        "pred_components": int(np_),
        "ref_component_voxels": [int(v) for v in rsizes],
        "pred_component_voxels": [int(v) for v in psizes],
        "lesion_tp": len(r2p),
        "lesion_fn": int(nr - len(r2p)),
        "lesion_fp": int(np_ - len(r2p)),
        "matched_dice": [float(d) for d in dices],
        "matched_hd95_mm": hd95s,
    }


def present_labels(ref, pred):
    """Non-zero labels of either map."""
    if ref.dtype.kind == "u" and pred.dtype.kind == "u" and ref.dtype.itemsize <= 2 and pred.dtype.itemsize <= 2:
        found = np.flatnonzero(np.bincount(ref.ravel()) > 0).tolist() + np.flatnonzero(np.bincount(pred.ravel()) > 0).tolist()
    else:
        found = np.unique(ref).tolist() + np.unique(pred).tolist()
    return sorted(int(v) for v in set(found) if v != 0)


def evaluate_pair(ref, pred, spacing, labels, tol=TOLERANCE_MM, connectivities=(26, 6)):
    out = {}
    for label in labels:
        a = ref == label
        b = pred == label
        na = int(np.count_nonzero(a))
        nb = int(np.count_nonzero(b))
        tp = int(np.count_nonzero(a & b))
        row = {"tp": tp, "fp": nb - tp, "fn": na - tp, "ref_voxels": na, "pred_voxels": nb}
        if na > 0 and nb > 0:
            row["dice"] = 2.0 * tp / (na + nb)
            row["iou"] = tp / (na + nb - tp)
            row.update(surface_metrics(a, b, spacing, tol))
        for c in connectivities:
            row[f"lesions_{c}"] = lesions(a, b, spacing, c)
        out[str(label)] = row
    return out


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/realdata")
    result = {"tool": "tools/eval_reference.py", "numpy": np.__version__,
              "scipy": __import__("scipy").__version__, "nibabel": nib.__version__,
              "tolerance_mm": TOLERANCE_MM, "pairs": []}
    for folder, ref_name, pred_name in PAIRS:
        ref, spacing = load(root / folder / ref_name)
        pred, _ = load(root / folder / pred_name)
        labels = present_labels(ref, pred)
        result["pairs"].append({"folder": folder, "ref": ref_name, "pred": pred_name,
                                "spacing_zyx": list(spacing), "labels": labels,
                                "classes": evaluate_pair(ref, pred, spacing, labels)})
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
