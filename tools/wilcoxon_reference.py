#!/usr/bin/python3
"""Reference values for lossbench's Wilcoxon signed-rank test (eval.stats.WilcoxonSignedRank), from scipy.

Run with Debian's interpreter (scipy 1.10):

    /usr/bin/python3 tools/wilcoxon_reference.py > eval/src/test/resources/org/lossbench/eval/stats/wilcoxon_scipy.json

lossbench's rule is `scipy.stats.wilcoxon(d[d != 0])` as scipy >= 1.13 computes it with its defaults
(zero_method="wilcox", correction=False, alternative="two-sided", method="auto"):
  * zero differences are dropped first; n' = number of non-zero differences;
  * no ties in |d| and n' <= 50: exact null distribution of R+ (scipy's `_get_wilcoxon_distr`);
  * ties in |d| and n' <= 13: exact permutation distribution of R+ over the 2^n' sign flips, with
    midranks (scipy's `permutation_test(..., permutation_type="samples")`, exhaustive);
  * otherwise: normal approximation of R+ with the tie-corrected variance, no continuity correction.
Statistic: min(R+, R-). scipy 1.10's own `method="auto"` differs in two places, both defects fixed in
later scipy: with ties and n' <= 50 it looks the midrank sum up in the tie-free table after
truncating it with int(), and it counts zeros towards n (a sample with a zero difference always gets
the normal approximation, even for one non-zero difference: [0]*7 + [1] gives p = 0.317 instead of 1).
So this script builds each reference from scipy 1.10 calls that are exact for the case at hand
(method="exact" without ties, permutation_test with ties, method="approx" above the limits) and,
when run under scipy >= 1.13 (e.g. `python3` with scipy 1.17), also checks that plain
`scipy.stats.wilcoxon(d[d != 0])` gives the same statistic and p-value, bit for bit.

A sample whose differences are all zero makes scipy raise (or return NaN); such cases carry
"scipy_error" instead of values, and lossbench's documented convention (p = 1, method "none") is
asserted by the test. The file also holds scipy.special.ndtr values for the standard normal tail.
"""
import json
import sys
import warnings

import numpy as np
import scipy
from scipy import special, stats

warnings.simplefilter("ignore")  # scipy 1.10 warns about small samples and zeros


def version_at_least(major, minor):
    parts = scipy.__version__.split(".")
    return (int(parts[0]), int(parts[1])) >= (major, minor)


MODERN = version_at_least(1, 13)


def r_plus(nonzero):
    ranks = stats.rankdata(np.abs(nonzero))
    return float(np.sum(ranks[nonzero > 0]))


def reference(d):
    d = np.asarray(d, dtype=np.float64)
    nonzero = d[d != 0]
    n = nonzero.size
    out = {"n": int(d.size), "n_zero": int(d.size - n)}
    if n == 0:
        try:
            res = stats.wilcoxon(nonzero if nonzero.size else d)
            out["scipy_error"] = f"statistic {res.statistic}, p {res.pvalue}"
        except ValueError as e:
            out["scipy_error"] = str(e)
        return out
    ranks = stats.rankdata(np.abs(nonzero))
    rp = float(np.sum(ranks[nonzero > 0]))
    rm = float(np.sum(ranks[nonzero < 0]))
    ties = np.unique(np.abs(nonzero)).size < n
    if n <= 50 and not ties:
        res = stats.wilcoxon(nonzero, method="exact")
        statistic, p, method = float(res.statistic), float(res.pvalue), "exact"
    elif n <= 13:
        res = stats.permutation_test((nonzero,), r_plus, permutation_type="samples", vectorized=False,
                                     n_resamples=np.inf, alternative="two-sided")
        statistic, p, method = min(rp, rm), float(res.pvalue), "exact"
    else:
        res = stats.wilcoxon(nonzero, method="approx")
        statistic, p, method = float(res.statistic), float(res.pvalue), "normal"
    if statistic != min(rp, rm):
        raise SystemExit(f"statistic {statistic} != min(R+, R-) {min(rp, rm)} for {d}")
    if MODERN:
        modern = stats.wilcoxon(nonzero)
        if float(modern.statistic) != statistic or float(modern.pvalue) != p:
            raise SystemExit(f"scipy {scipy.__version__} wilcoxon gives ({modern.statistic}, {modern.pvalue}),"
                             f" the reference ({statistic}, {p}), for {d}")
    out.update({"statistic": statistic, "p": p, "method": method})
    return out


def cases():
    rng = np.random.default_rng(20240515)
    out = []

    def add(name, d):
        out.append((name, [float(v) for v in d]))

    add("seven_zeros_one_positive", [0.0] * 7 + [0.1])
    add("all_zeros", [0.0] * 5)
    add("no_pairs", [])
    add("n1_positive", [0.5])
    add("n1_negative", [-2.0])
    add("n2_mixed", [0.3, -0.1])
    add("n2_tied_opposite", [1.0, -1.0])
    add("n8_all_positive", [0.01 * (i + 1) for i in range(8)])
    add("n10_mixed_no_ties", [1.5, -0.2, 3.1, 0.7, -2.4, 4.0, 0.05, 2.2, -0.9, 1.1])
    add("n4_center_of_distribution", [1.0, -2.0, -3.0, 4.0])  # R+ = 5 = n(n+1)/4
    add("n6_ties_in_abs", [1.0, 1.0, 2.0, 2.0, 3.0, -3.0])
    add("n7_ties_and_zeros", [0.0, 0.0, 1.0, 1.0, -1.0, 2.0, 3.0, 0.5, 0.5])
    add("n13_ties_permutation_limit", [1, 2, 2, 3, -3, 4, 5, 5, 5, 6, -7, 8, 9])
    add("n14_ties_normal", [1, 2, 2, 3, -3, 4, 5, 5, 5, 6, -7, 8, 9, 10])
    add("n20_ties_normal", np.round(rng.normal(0.4, 1.0, 20), 1))
    d60 = np.round(rng.normal(0.2, 1.0, 60), 1)
    d60[[3, 17, 41]] = 0.0
    add("n60_ties_and_zeros_normal", d60)
    add("n30_no_ties_exact", rng.permutation(np.arange(1, 31)) * rng.choice([-1.0, 1.0], 30, p=[0.35, 0.65]) * 0.013)
    add("n50_no_ties_exact_limit", rng.normal(0.3, 1.0, 50))
    add("n51_no_ties_normal", rng.normal(0.3, 1.0, 51))
    add("n12_negative_dominated", [-0.2, -0.5, -0.11, 0.03, -0.9, -0.4, -0.07, -0.62, 0.15, -0.33, -0.8, -0.25])
    add("n60_all_negative_normal_tail", -np.arange(1, 61) * 0.5)
    add("n60_all_tied_positive", [0.25] * 60)  # the smallest p 60 differences can give
    add("n200_ties_deep_tail", np.round(rng.normal(0.6, 1.0, 200), 2))
    add("large_magnitudes", [3.5e8, -1.25e9, 7.0e7, 2.0e9, 9.9e8, -4.4e6, 1.0e9, 6.5e8, 3.0e5, 8.8e8, 2.5e9])
    x = np.array([0.3, 0.6, 0.9, 0.35, 0.75, 0.2, 0.45, 0.95])
    y = np.array([0.1, 0.4, 0.7, 0.15, 0.55, 0.3, 0.2, 0.5])
    add("near_ties_from_subtraction", x - y)  # 0.2 five ways, not all equal as doubles
    return out


def main():
    result = {
        "generator": "tools/wilcoxon_reference.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "cases": [],
        "normal_upper_tail": [],
    }
    for name, d in cases():
        entry = {"name": name, "d": d}
        entry.update(reference(d))
        result["cases"].append(entry)
    for z in [0.0, 0.1, 0.5, 0.70710678, 1.0, 1.5, 1.959963984540054, 2.5, 3.0, 4.0, 5.0, 6.7, 8.0, 10.0,
              12.5, 20.0, 27.0, 37.0]:
        result["normal_upper_tail"].append({"z": z, "sf": float(special.ndtr(-z))})
    result["normal_quantile"] = [{"p": p, "z": float(special.ndtri(p))}
                                 for p in [0.5, 0.6, 0.9, 0.95, 0.975, 0.995, 0.9995, 1e-10]]
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
