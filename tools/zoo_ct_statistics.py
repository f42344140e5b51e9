#!/usr/bin/env python3
"""Reference CT normalisation statistics of the model zoo (issue 16), computed with numpy from the
written dataset files, independently of lossbench's CtNormalization.

The zoo's models were trained on phantom-lesions v1 with the split of their cards; lossbench's
Preprocessor fits CT normalisation (nnU-Net) on the training cases' foreground voxels (label > 0) of
channel 0: clip bounds = 0.5 and 99.5 percentiles (numpy's default linear interpolation), mean and
population standard deviation.

Usage: lossbench datasets generate phantom-lesions --out DIR   (v1: reference checksum bae73ace...)
       tools/zoo_ct_statistics.py DIR models/zoo/vnet-lite-ce.card.json \
           > models/src/test/resources/zoo-ct-statistics.json
"""
import json
import sys

import nibabel as nib
import numpy as np


def main(folder, card_file):
    card = json.load(open(card_file))
    values = []
    for case in card["split"]["train"]:
        ct = np.asarray(nib.load(f"{folder}/imagesTr/{case}_0000.nii.gz").get_fdata(dtype=np.float32), dtype=np.float64)
        label = np.asarray(nib.load(f"{folder}/labelsTr/{case}.nii.gz").dataobj)
        values.append(ct[label > 0])
    v = np.concatenate(values)
    lower, upper = np.percentile(v, [0.5, 99.5])
    out = {"dataset": card["dataset"], "dataset_checksum": card["dataset_checksum"], "train_cases": len(card["split"]["train"]),
           "foreground_voxels": int(v.size), "lower": float(lower), "upper": float(upper), "mean": float(v.mean()), "std": float(v.std())}
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
