package org.lossbench.cli.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.io.Json;
import org.lossbench.eval.Aggregation;
import org.lossbench.eval.panel.Collapse;
import org.lossbench.eval.panel.LossPanel;
import org.lossbench.eval.panel.ReferenceComparison;
import org.lossbench.eval.results.ColumnType;
import org.lossbench.eval.stats.RankStability;
import org.lossbench.eval.stats.SeedLevelSummary;

/**
 * {@code summary.json}: per (dataset, model) group and loss, the pooled statistics of every metric
 * and the size-bin tables (as in summary.csv), the seed-level figures of each class (Dice per seed,
 * mean, sd and hierarchical interval; DSCagg per seed; collapse), the rank stability per class, and the
 * comparison with the reference loss with its power floor. NaN and infinity are the strings
 * {@code nan}, {@code inf}, {@code -inf}, as in the CSV files.
 */
final class SummaryJson {
    private SummaryJson() {
    }

    static String of(SweepSpec spec, List<SweepTables.Group> groups, int cells, List<String> failures,
                     Map<String, Map<Integer, String>> labelNames) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("sweep", spec.name());
        root.put("spec_sha256", SweepResults.specSha256(spec));
        root.put("cells", cells);
        root.put("reference_loss", spec.referenceLoss());
        List<Object> gs = new ArrayList<>();
        for (SweepTables.Group g : groups) {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("dataset", g.dataset());
            gm.put("model", g.model());
            gm.put("label_names", labelNames.getOrDefault(g.dataset(), Map.of()));
            List<Object> ls = new ArrayList<>();
            for (LossPanel.LossStats r : g.panel().losses()) {
                ls.add(loss(r));
            }
            gm.put("losses", ls);
            gm.put("ranks", ranks(g.panel()));
            gm.put("comparison", comparison(g.panel().comparison()));
            gs.add(gm);
        }
        root.put("groups", gs);
        root.put("failed", failures);
        return Json.pretty(root);
    }

    private static Map<String, Object> loss(LossPanel.LossStats r) {
        Map<String, Object> lm = new LinkedHashMap<>();
        lm.put("loss", r.loss());
        lm.put("cells", r.seeds());
        lm.put("seeds", r.seeds());
        lm.put("cases", r.cases());
        List<Object> ms = new ArrayList<>();
        for (Aggregation.MetricSummary m : r.pooled().metrics()) {
            var s = m.summary();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("label", m.label());
            o.put("metric", m.metric().column());
            o.put("n", s.n());
            o.put("n_undefined", s.nUndefined());
            o.put("n_empty_ref", m.nEmptyRef());
            o.put("mean", num(s.mean()));
            o.put("sd", num(s.sd()));
            o.put("median", num(s.median()));
            o.put("ci95_low", num(s.ciLow()));
            o.put("ci95_high", num(s.ciHigh()));
            ms.add(o);
        }
        lm.put("metrics", ms);
        List<Object> cs = new ArrayList<>();
        for (LossPanel.ClassStats c : r.classes()) {
            cs.add(classStats(c));
        }
        lm.put("classes", cs);
        List<Object> bs = new ArrayList<>();
        for (Aggregation.SizeBinSummary b : r.pooled().sizeBins()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("label", b.label());
            o.put("bin_mm", b.bin());
            o.put("ref_lesions", b.lesions());
            o.put("detected", b.detected());
            o.put("detection_recall", num(b.detectionRecall()));
            o.put("mean_lesion_dice", num(b.meanDice()));
            o.put("false_positive_lesions", b.falsePositives());
            bs.add(o);
        }
        lm.put("size_bins", bs);
        return lm;
    }

    private static Map<String, Object> classStats(LossPanel.ClassStats c) {
        SeedLevelSummary d = c.dice();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("label", c.label());
        Map<String, Object> dice = new LinkedHashMap<>();
        dice.put("seeds", d.seeds());
        dice.put("cases", d.cases());
        dice.put("n_undefined", d.nUndefined());
        dice.put("mean", num(d.mean()));
        dice.put("sd_over_seeds", num(d.sd()));
        dice.put("ci95_low", num(d.ciLow()));
        dice.put("ci95_high", num(d.ciHigh()));
        dice.put("per_seed", perSeed(d.seedMeans()));
        o.put("dice", dice);
        Map<String, Object> dsc = new LinkedHashMap<>();
        dsc.put("mean", num(c.dscAggMean()));
        dsc.put("sd_over_seeds", num(c.dscAggSd()));
        dsc.put("per_seed", perSeed(c.dscAggBySeed()));
        o.put("dsc_agg", dsc);
        Collapse k = c.collapse();
        Map<String, Object> col = new LinkedHashMap<>();
        col.put("seeds", k.seeds());
        col.put("collapsed_seeds", k.collapsedSeeds());
        col.put("mean_auc", num(k.meanAuc()));
        col.put("mean_peak_prob_ref", num(k.meanPeakInRef()));
        o.put("collapse", col);
        return o;
    }

    private static Map<String, Object> perSeed(Map<Long, Double> bySeed) {
        Map<String, Object> out = new LinkedHashMap<>();
        bySeed.forEach((s, v) -> out.put(Long.toString(s), num(v)));
        return out;
    }

    private static List<Object> ranks(LossPanel panel) {
        List<Object> out = new ArrayList<>();
        panel.ranks().forEach((label, r) -> {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("label", label);
            o.put("metric", "dice");
            o.put("resamples", r.resamples());
            o.put("kendall_tau_mean", num(r.kendallTauMean()));
            o.put("kendall_tau_median", num(r.kendallTauMedian()));
            List<Object> ls = new ArrayList<>();
            for (RankStability.LossRank l : r.losses()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("loss", l.loss());
                x.put("score", num(l.score()));
                x.put("rank", l.rank());
                x.put("p_best", num(l.pBest()));
                x.put("mean_rank", num(l.meanRank()));
                x.put("median_rank", num(l.medianRank()));
                x.put("rank_counts", l.rankCounts());
                ls.add(x);
            }
            o.put("losses", ls);
            out.add(o);
        });
        return out;
    }

    private static Map<String, Object> comparison(ReferenceComparison c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("reference", c.reference());
        o.put("metric", "dice");
        o.put("paired_on", "case means over seeds");
        o.put("alpha", c.alpha());
        o.put("tests", c.tests());
        o.put("pairs", c.pairs());
        o.put("smallest_reachable_p_holm", num(c.floor()));
        o.put("underpowered", c.underpowered());
        List<Object> rows = new ArrayList<>();
        for (ReferenceComparison.Row row : c.rows()) {
            var r = row.result();
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("loss", row.loss());
            x.put("label", r.label());
            x.put("pairs", r.n());
            x.put("zero_differences", r.nZero());
            x.put("median_difference", num(r.medianDifference()));
            x.put("hodges_lehmann", num(r.hodgesLehmann()));
            x.put("hl_ci_low", num(r.hlLow()));
            x.put("hl_ci_high", num(r.hlHigh()));
            x.put("hl_coverage", num(r.hlCoverage()));
            x.put("method", r.method().label());
            x.put("statistic", num(r.statistic()));
            x.put("p", num(r.pValue()));
            x.put("p_holm", num(r.pHolm()));
            x.put("verdict", row.verdict());
            rows.add(x);
        }
        o.put("rows", rows);
        return o;
    }

    /** JSON has no NaN or infinity: the strings {@code nan}, {@code inf}, {@code -inf}, as in the CSV files. */
    static Object num(double v) {
        return Double.isFinite(v) ? (Object) v : ColumnType.number(v);
    }
}
