#!/usr/bin/python3
"""Independent reference values for lossbench's losses (issue 6), written with PyTorch 1.13.

Run with Debian's interpreter (it has torch 1.13; MONAI is not installed, so its conventions are
re-implemented here from its documented formulas, and the other losses from their papers):

    /usr/bin/python3 tools/loss_reference.py \
        losses/src/test/resources/org/lossbench/losses/torch_reference.json

The output holds a few small random cases (float32 logits [N, K, D, H, W], int labels [N, D, H, W]),
chosen to cover the edges: a class absent from the batch, labels that are all background, logits of
+-80, K = 2 and K = 5, and for each case the value of every spec below, computed in float64.
Conventions (see docs/losses.md): softmax activation over all K classes, also when the background is
excluded (the background channel is dropped after the softmax); powers whose exponent may lie below 1
clamp their base at 1e-30.
"""
import json
import sys

import numpy as np
import torch
import torch.nn.functional as F

FLOOR = 1e-30


def one_hot(y, k, dtype=torch.float64):
    return F.one_hot(y, k).permute(0, 4, 1, 2, 3).to(dtype)


def channels(x, include_background):
    return x if include_background else x[:, 1:]


def sums_axes(batch):
    return [0, 2, 3, 4] if batch else [2, 3, 4]


def ce(z, y, weight=None):
    # PyTorch's own weighted mean: sum_x w_y nll / sum_x w_y
    w = None if weight is None else torch.tensor(weight, dtype=z.dtype)
    return F.cross_entropy(z, y, weight=w)


def topk(z, y, k=10.0):
    per_voxel = F.cross_entropy(z, y, reduction="none").flatten()
    m = max(1, int(per_voxel.numel() * k / 100))  # nnU-Net TopKLoss, with at least one voxel
    return torch.topk(per_voxel, m).values.mean()


def dice(z, y, include_background=True, batch=False, squared_pred=False, smooth_nr=1e-5, smooth_dr=1e-5):
    # MONAI DiceLoss(softmax=True, to_onehot_y=True, ...)
    k = z.shape[1]
    p = channels(torch.softmax(z, 1), include_background)
    g = channels(one_hot(y, k, z.dtype), include_background)
    ax = sums_axes(batch)
    inter = torch.sum(p * g, ax)
    if squared_pred:
        den = torch.sum(p ** 2, ax) + torch.sum(g ** 2, ax)
    else:
        den = torch.sum(p, ax) + torch.sum(g, ax)
    return torch.mean(1.0 - (2.0 * inter + smooth_nr) / (den + smooth_dr))


def dice_vnet(z, y, include_background=False, batch=False):
    # Milletari 2016 eq. 1: squared denominator; foreground only
    return dice(z, y, include_background=include_background, batch=batch, squared_pred=True)


def generalized_dice(z, y, w_type="square", include_background=True, batch=False, smooth_nr=1e-5, smooth_dr=1e-5):
    # Sudre 2017 in MONAI's form (monai.losses.GeneralizedDiceLoss, MONAI >= 1.0)
    k = z.shape[1]
    p = channels(torch.softmax(z, 1), include_background)
    g = channels(one_hot(y, k, z.dtype), include_background)
    ax = sums_axes(batch)
    inter = torch.sum(p * g, ax)
    ground_o = torch.sum(g, ax)
    pred_o = torch.sum(p, ax)
    denominator = ground_o + pred_o
    if w_type == "square":
        w = torch.reciprocal(ground_o * ground_o)
    elif w_type == "simple":
        w = torch.reciprocal(ground_o)
    else:
        w = torch.ones_like(ground_o)
    infs = torch.isinf(w)
    if batch:
        w[infs] = 0.0
        w = w + infs * torch.max(w)
    else:
        w[infs] = 0.0
        max_values = torch.max(w, dim=1)[0].unsqueeze(dim=1)
        w = w + infs * max_values
    final_dim = 0 if batch else 1
    numer = 2.0 * (inter * w).sum(final_dim, keepdim=True) + smooth_nr
    denom = (denominator * w).sum(final_dim, keepdim=True) + smooth_dr
    return torch.mean(1.0 - numer / denom)


def focal(z, y, gamma=2.0, alpha=None, activation="softmax", include_background=True):
    # Lin 2017 as MONAI FocalLoss computes it; mean over N * C * D * H * W elements
    k = z.shape[1]
    g = one_hot(y, k, z.dtype)
    if alpha is None:
        a = None
    elif isinstance(alpha, list):
        a = torch.tensor(alpha, dtype=z.dtype)
    elif activation == "softmax":
        a = torch.tensor([1 - alpha] + [alpha] * (k - 1), dtype=z.dtype)
    else:
        a = torch.full((k,), alpha, dtype=z.dtype)
    if a is not None:
        a = a.view(1, k, 1, 1, 1)
    if activation == "softmax":
        ls = torch.log_softmax(z, 1)
        el = -torch.clamp(1 - ls.exp(), min=FLOOR).pow(gamma) * ls * g
        if a is not None:
            el = a * el
    else:
        bce = z - z * g - F.logsigmoid(z)
        el = torch.exp(gamma * F.logsigmoid(-z * (g * 2 - 1))) * bce
        if a is not None:
            el = (g * a + (1 - g) * (1 - a)) * el
    return channels(el, include_background).mean()


def tversky_index_terms(z, y, alpha, beta, smooth_nr, smooth_dr, include_background, batch):
    k = z.shape[1]
    p0 = channels(torch.softmax(z, 1), include_background)
    g0 = channels(one_hot(y, k, z.dtype), include_background)
    ax = sums_axes(batch)
    tp = torch.sum(p0 * g0, ax)
    fp = alpha * torch.sum(p0 * (1 - g0), ax)
    fn = beta * torch.sum((1 - p0) * g0, ax)
    return (tp + smooth_nr) / (tp + fp + fn + smooth_dr)


def tversky(z, y, alpha=0.5, beta=0.5, include_background=True, batch=False, smooth_nr=1e-5, smooth_dr=1e-5):
    # MONAI TverskyLoss: alpha weighs false positives, beta false negatives
    return torch.mean(1.0 - tversky_index_terms(z, y, alpha, beta, smooth_nr, smooth_dr, include_background, batch))


def focal_tversky(z, y, alpha=0.3, beta=0.7, gamma=4.0 / 3.0, include_background=True, batch=False, smooth=1.0):
    # Abraham and Khan 2019: (1 - TI)^(1/gamma), FN weight 0.7, FP weight 0.3; mean over samples and classes
    ti = tversky_index_terms(z, y, alpha, beta, smooth, smooth, include_background, batch)
    return torch.mean(torch.clamp(1.0 - ti, min=FLOOR) ** (1.0 / gamma))


def exp_log(z, y, w_dice=0.8, w_ce=0.2, gamma_dice=0.3, gamma_ce=0.3, epsilon=1.0, include_background=True, batch=False):
    # Wong et al. 2018, eqs. 1-4: E_i[(-ln Dice_i)^gd] and E_x[w_l (-ln p_l(x))^gc], w_l = (sum_k f_k / f_l)^0.5.
    # x^0.3 has an unbounded slope at 0, so the small values must keep their relative precision:
    #   -ln Dice_i = ln((2 TP + FP + FN + eps) / (2 TP + eps)) = log1p((FP + FN) / (2 TP + eps)),
    #     FN from 1 - p_l = sum_{j != l} p_j (no cancellation when p_l is near 1);
    #   -ln p_l = log1p(sum_{j != l} exp(z_j - z_l)) (float64 holds exp(160) for logits of +-80).
    k = z.shape[1]
    p_all = torch.softmax(z, 1)
    g_all = one_hot(y, k, z.dtype)
    complement = torch.sum(p_all * (1 - g_all), 1, keepdim=True)  # sum_{j != l} p_j per voxel
    p = channels(p_all, include_background)
    g = channels(g_all, include_background)
    ax = sums_axes(batch)
    tp = torch.sum(g * p, ax)
    errors = torch.sum(p * (1 - g) + g * complement, ax)
    neg_log_dice = torch.log1p(errors / (2 * tp + epsilon))
    # (cross-check: the direct formula agrees where no cancellation occurs)
    direct = -torch.log((2 * tp + epsilon) / (torch.sum(g + p, ax) + epsilon))
    if z.dtype == torch.float64:
        assert torch.allclose(neg_log_dice, direct, rtol=1e-6, atol=1e-12)
    l_dice = torch.mean(torch.clamp(neg_log_dice, min=FLOOR) ** gamma_dice)
    f = torch.bincount(y.flatten(), minlength=k).to(z.dtype)
    w = torch.sqrt(f.sum() / f)  # inf for absent labels, never indexed
    z_label = torch.gather(z, 1, y.unsqueeze(1))
    nll = torch.log1p(torch.sum(torch.exp(z - z_label) * (1 - g_all), 1))
    if z.dtype == torch.float64:
        assert torch.allclose(nll, F.cross_entropy(z, y, reduction="none"), rtol=1e-9, atol=1e-12)
    l_ce = torch.mean(w[y] * torch.clamp(nll, min=FLOOR) ** gamma_ce)
    return w_dice * l_dice + w_ce * l_ce


# spec (as lossbench parses it) -> value function
SPECS = {
    "ce": lambda z, y: ce(z, y),
    "topk": lambda z, y: topk(z, y),
    "topk:k=25": lambda z, y: topk(z, y, 25.0),
    "dice": lambda z, y: dice(z, y),
    "dice:include_background=false,batch=true": lambda z, y: dice(z, y, include_background=False, batch=True),
    "dice:squared_pred=true,smooth_nr=0,smooth_dr=1": lambda z, y: dice(z, y, squared_pred=True, smooth_nr=0.0, smooth_dr=1.0),
    "dice-vnet": lambda z, y: dice_vnet(z, y),
    "generalized-dice": lambda z, y: generalized_dice(z, y),
    "generalized-dice:w_type=simple,include_background=false": lambda z, y: generalized_dice(z, y, w_type="simple", include_background=False),
    "generalized-dice:w_type=uniform,batch=true": lambda z, y: generalized_dice(z, y, w_type="uniform", batch=True),
    "generalized-dice:batch=true,include_background=false": lambda z, y: generalized_dice(z, y, batch=True, include_background=False),
    "focal": lambda z, y: focal(z, y),
    "focal:gamma=2,alpha=0.25": lambda z, y: focal(z, y, alpha=0.25),
    "focal:activation=sigmoid": lambda z, y: focal(z, y, activation="sigmoid"),
    "focal:activation=sigmoid,alpha=0.25,gamma=1.5": lambda z, y: focal(z, y, gamma=1.5, alpha=0.25, activation="sigmoid"),
    "focal:include_background=false,gamma=0.5": lambda z, y: focal(z, y, gamma=0.5, include_background=False),
    "exp-log": lambda z, y: exp_log(z, y),
    "exp-log:include_background=false,batch=true,gamma_ce=1": lambda z, y: exp_log(z, y, include_background=False, batch=True, gamma_ce=1.0),
    "tversky": lambda z, y: tversky(z, y),
    "tversky:alpha=0.3,beta=0.7,include_background=false": lambda z, y: tversky(z, y, alpha=0.3, beta=0.7, include_background=False),
    "focal-tversky": lambda z, y: focal_tversky(z, y),
    "focal-tversky:batch=true,gamma=2": lambda z, y: focal_tversky(z, y, batch=True, gamma=2.0),
    "dice+ce": lambda z, y: dice(z, y) + ce(z, y),
    "dice+focal": lambda z, y: dice(z, y) + focal(z, y),
    "dice+topk": lambda z, y: dice(z, y) + topk(z, y),
    "0.3*dice-vnet+0.7*exp-log": lambda z, y: 0.3 * dice_vnet(z, y) + 0.7 * exp_log(z, y),
}

CLASS_WEIGHTS = [0.5, 2.0, 1.0, 3.0, 1.5]
ALPHAS = [0.1, 0.6, 0.3, 0.9, 0.5]


def per_k_specs(k):
    specs = dict(SPECS)
    w = CLASS_WEIGHTS[:k]
    specs["ce:weight=[" + ",".join(repr(x) for x in w) + "]"] = lambda z, y: ce(z, y, weight=w)
    a = ALPHAS[:k]
    specs["focal:alpha=[" + ",".join(repr(x) for x in a) + "]"] = lambda z, y: focal(z, y, alpha=a)
    specs["focal:activation=sigmoid,alpha=[" + ",".join(repr(x) for x in a) + "]"] = \
        lambda z, y: focal(z, y, alpha=a, activation="sigmoid")
    return specs


def case(rng, name, shape, scale, labels_from):
    n, k, d, h, w = shape
    logits = (rng.uniform(-1, 1, size=shape) * scale).astype(np.float32)
    labels = rng.choice(labels_from, size=(n, d, h, w)).astype(np.int64)
    z = torch.from_numpy(logits.astype(np.float64))
    y = torch.from_numpy(labels)
    expected = {}
    for spec, f in per_k_specs(k).items():
        v = float(f(z, y))
        assert np.isfinite(v), (name, spec, v)
        expected[spec] = v
    return {
        "id": name,
        "shape": list(shape),
        "logits": [float(x) for x in logits.flatten()],
        "labels": [int(x) for x in labels.flatten()],
        "expected": expected,
    }


def main(out_path):
    rng = np.random.default_rng(20261129)
    cases = [
        case(rng, "k3-all-classes", (2, 3, 2, 3, 4), 3.0, [0, 1, 2]),
        case(rng, "k4-class2-absent", (1, 4, 3, 3, 3), 4.0, [0, 1, 3]),
        case(rng, "k2-logits-80", (2, 2, 2, 2, 5), 80.0, [0, 1]),
        case(rng, "k5-all-background", (1, 5, 2, 2, 3), 2.0, [0]),
        case(rng, "k3-batch-of-3", (3, 3, 1, 4, 4), 1.5, [0, 0, 0, 1, 2]),
    ]
    doc = {
        "generator": "tools/loss_reference.py",
        "torch": torch.__version__,
        "note": "float64 values of each spec on float32 logits; see docs/losses.md for the conventions",
        "cases": cases,
    }
    with open(out_path, "w") as fh:
        json.dump(doc, fh, indent=1)
        fh.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
