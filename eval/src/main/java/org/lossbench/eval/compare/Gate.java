package org.lossbench.eval.compare;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.lossbench.eval.compare.ChangeRule.Verdict;
import org.lossbench.eval.compare.Keys.BinKey;
import org.lossbench.eval.compare.Keys.ClassKey;
import org.lossbench.eval.compare.Keys.Triple;
import org.lossbench.eval.compare.SweepFolder.BinRecall;
import org.lossbench.eval.compare.SweepFolder.CaseTiming;
import org.lossbench.eval.compare.SweepFolder.CellStatus;
import org.lossbench.eval.compare.Thresholds.Threshold;
import org.lossbench.eval.report.ResultWriter;

/**
 * The regression gate's rules (docs/gate.md): matches two sweeps' rows and judges each checked metric.
 *
 * <ul>
 *   <li><b>Cells</b>, per (dataset, model, loss): a regression when the current sweep lacks the triple, lacks
 *       one of the baseline's seeds, or has a failed cell of it (also for a triple new in the current sweep).
 *       The metrics of such a triple are not compared (they would be means over other cases).</li>
 *   <li><b>Class metrics</b> ({@link ClassMetric}), per (dataset, model, loss, class): mean Dice (threshold fixed or
 *       {@code K} x the baseline's sd over seeds), mean NSD (fixed) and median HD95 (relative with a floor in mm),
 *       judged by the two-sided {@link ChangeRule}.</li>
 *   <li><b>Recall</b>, per (dataset, model, loss, class, size bin), detected / reference lesions: {@link ChangeRule}
 *       with {@code maxRecallDrop}.</li>
 *   <li><b>Timing</b>: {@link TimingRule} on the per-case inference seconds, pooled per loss or per model (unless
 *       timing is off).</li>
 * </ul>
 *
 * <p>A value undefined (NaN) in both sweeps is not checked (counted in {@link GateReport#undefinedInBoth()}).
 */
public final class Gate {
    private Gate() {
    }

    public static GateReport compare(SweepFolder base, SweepFolder cur, Thresholds th) {
        List<Check.Cells> cells = cells(base, cur);
        Set<Triple> broken = new HashSet<>();
        cells.stream().filter(c -> c.status() == Status.REGRESSION).forEach(c -> broken.add(c.triple()));
        int undefined = 0;
        List<Check.Metric> metrics = new ArrayList<>();
        for (ClassMetric m : ClassMetric.values()) {
            for (ClassKey k : union(base.values(m).keySet(), cur.values(m).keySet())) {
                Double b = base.values(m).get(k);
                Double c = cur.values(m).get(k);
                if (broken.contains(k.triple())) {
                    continue;
                }
                if (b != null && c != null && Double.isNaN(b) && Double.isNaN(c)) {
                    undefined++;
                    continue;
                }
                Threshold t = switch (m) {
                    case DICE -> th.diceThreshold(base.diceSpread().get(k));
                    case NSD -> th.nsdThreshold();
                    case HD95 -> th.hd95Threshold(b == null ? Double.NaN : b);
                };
                Verdict v = m.higherIsBetter() ? ChangeRule.higherIsBetter(m.description(), b, c, t)
                        : ChangeRule.lowerIsBetter(m.description(), " mm", b, c, t);
                metrics.add(new Check.Metric(m, k, className(base, cur, k.triple(), k.label()), b == null ? Double.NaN : b,
                        c == null ? Double.NaN : c, t.value(), v.status(), v.message()));
            }
        }
        List<Check.Recall> recall = new ArrayList<>();
        for (BinKey k : union(base.recalls().keySet(), cur.recalls().keySet())) {
            if (broken.contains(k.triple())) {
                continue;
            }
            BinRecall b = base.recalls().get(k);
            BinRecall c = cur.recalls().get(k);
            if (b != null && c != null && Double.isNaN(b.recall()) && Double.isNaN(c.recall())) {
                undefined++;
                continue;
            }
            Verdict v = ChangeRule.higherIsBetter("detection recall", b == null ? null : b.recall(), c == null ? null : c.recall(),
                    th.recallThreshold());
            String msg = v.status() == Status.BLIND ? v.message() + "; " + b.detected() + " of " + b.lesions() + " lesions detected in the baseline"
                    : v.message();
            recall.add(new Check.Recall(k, className(base, cur, k.triple(), k.label()), b, c, v.status(), msg));
        }
        return new GateReport(cells, metrics, recall, th.timing() ? timing(base, cur, th, broken) : List.of(), undefined,
                th.allowImprovements());
    }

    private static List<Check.Cells> cells(SweepFolder base, SweepFolder cur) {
        Map<Triple, List<CellStatus>> b = byTriple(base.cells());
        Map<Triple, List<CellStatus>> c = byTriple(cur.cells());
        List<Check.Cells> out = new ArrayList<>();
        for (Triple t : union(b.keySet(), c.keySet())) {
            List<CellStatus> bs = b.getOrDefault(t, List.of());
            List<CellStatus> cs = c.getOrDefault(t, List.of());
            List<CellStatus> failed = cs.stream().filter(s -> !s.done()).toList();
            int done = cs.size() - failed.size();
            Set<Long> missingSeeds = new TreeSet<>();
            bs.forEach(s -> missingSeeds.add(s.seed()));
            cs.forEach(s -> missingSeeds.remove(s.seed()));
            Status st;
            String msg;
            if (!failed.isEmpty()) {
                st = Status.REGRESSION;
                StringBuilder sb = new StringBuilder(failed.size() + " of " + cs.size() + " cells failed in the current sweep");
                for (CellStatus f : failed) {
                    sb.append("; seed ").append(f.seed()).append(": ").append(f.failure());
                }
                msg = sb.toString();
            } else if (cs.isEmpty()) {
                st = Status.REGRESSION;
                msg = "missing from the current sweep (" + bs.size() + " cells in the baseline)";
            } else if (!missingSeeds.isEmpty()) {
                st = Status.REGRESSION;
                msg = "seeds " + missingSeeds + " of the baseline are missing from the current sweep";
            } else if (bs.isEmpty()) {
                st = Status.NEW;
                msg = "new in the current sweep (" + done + " cells finished)";
            } else if (bs.stream().anyMatch(s -> !s.done())) {
                st = Status.IMPROVEMENT;
                msg = "every cell finished; " + bs.stream().filter(s -> !s.done()).count() + " had failed in the baseline: "
                        + "an improvement; refresh the baseline, or pass --allow-improvements";
            } else {
                st = Status.OK;
                msg = "every cell finished (" + done + ")";
            }
            out.add(new Check.Cells(t, bs.size(), done, failed.size(), st, msg));
        }
        return out;
    }

    private static List<Check.Timing> timing(SweepFolder base, SweepFolder cur, Thresholds th, Set<Triple> broken) {
        Map<Triple, double[]> b = samples(base.timings(), th.timingPool());
        Map<Triple, double[]> c = samples(cur.timings(), th.timingPool());
        List<Check.Timing> out = new ArrayList<>();
        for (Triple t : union(b.keySet(), c.keySet())) {
            if (!c.containsKey(t) || broken.contains(t)) {
                continue;   // no current samples: the cells check has failed already
            }
            TimingRule.Stats cs = TimingRule.Stats.of(c.get(t));
            if (!b.containsKey(t)) {
                out.add(new Check.Timing(t, null, cs, Status.NEW, "not in the baseline; median " + fmt(cs.median()) + " s per case now"));
                continue;
            }
            TimingRule.Stats bs = TimingRule.Stats.of(b.get(t));
            Status st = TimingRule.judge(bs, cs, th.maxSlowdown());
            String msg = String.format(Locale.ROOT, "median inference %s s per case (n = %d) is %s x the baseline median %s s (n = %d, p90 %s s); "
                    + "a slowdown needs > %s x and > p90", fmt(cs.median()), cs.n(), fmt(cs.median() / bs.median()), fmt(bs.median()), bs.n(),
                    fmt(bs.p90()), Thresholds.plain(th.maxSlowdown()));
            out.add(new Check.Timing(t, bs, cs, st, msg));
        }
        return out;
    }

    /** The inference seconds per timing group, in the file's order. */
    private static Map<Triple, double[]> samples(List<CaseTiming> timings, Thresholds.TimingPool pool) {
        Map<Triple, List<Double>> m = new LinkedHashMap<>();
        for (CaseTiming ct : timings) {
            Triple t = pool == Thresholds.TimingPool.LOSS ? ct.triple() : new Triple(ct.triple().dataset(), ct.triple().model(), null);
            m.computeIfAbsent(t, k -> new ArrayList<>()).add(ct.inferenceS());
        }
        Map<Triple, double[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).toArray()));
        return out;
    }

    private static Map<Triple, List<CellStatus>> byTriple(List<CellStatus> cells) {
        Map<Triple, List<CellStatus>> m = new LinkedHashMap<>();
        cells.forEach(c -> m.computeIfAbsent(c.triple(), k -> new ArrayList<>()).add(c));
        return m;
    }

    /** The baseline's keys in order, then the current sweep's new ones in order. */
    private static <K> Set<K> union(Set<K> base, Set<K> cur) {
        Set<K> s = new LinkedHashSet<>(base);
        s.addAll(cur);
        return s;
    }

    private static String className(SweepFolder base, SweepFolder cur, Triple t, int label) {
        String n = base.className(t.group(), label);
        return n.equals("class " + label) ? cur.className(t.group(), label) : n;
    }

    static String fmt(double v) {
        return ResultWriter.fmt(v);
    }
}
