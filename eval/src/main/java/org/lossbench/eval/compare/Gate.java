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
import org.lossbench.eval.compare.Keys.BinKey;
import org.lossbench.eval.compare.Keys.ClassKey;
import org.lossbench.eval.compare.Keys.Triple;
import org.lossbench.eval.compare.SweepFolder.BinRecall;
import org.lossbench.eval.compare.SweepFolder.CaseTiming;
import org.lossbench.eval.compare.SweepFolder.CellStatus;
import org.lossbench.eval.report.ResultWriter;

/**
 * The regression gate's rules (docs/gate.md): matches two sweeps' rows and judges each checked metric.
 *
 * <ul>
 *   <li><b>Cells</b>, per (dataset, model, loss): a regression when the current sweep lacks the triple, lacks
 *       one of the baseline's seeds, or has a failed cell of it (also for a triple new in the current sweep).
 *       The metrics of such a triple are not compared (they would be means over other cases).</li>
 *   <li><b>Dice</b>, per (dataset, model, loss, class), the mean over the cases of all seeds: a regression when
 *       {@code current - baseline < -maxDiceDrop}, an improvement when {@code > maxDiceDrop}.</li>
 *   <li><b>Recall</b>, per (dataset, model, loss, class, size bin), detected / reference lesions: the same with
 *       {@code maxRecallDrop}.</li>
 *   <li><b>Timing</b>: {@link TimingRule} on the per-case inference seconds, pooled per loss or per model.</li>
 * </ul>
 *
 * <p>A value undefined (NaN) in both sweeps is not checked; defined in the baseline but undefined or absent in
 * the current sweep is a regression; absent or undefined in the baseline but there now is new. The thresholds
 * get {@link Thresholds#SLACK} so that a drop of exactly the threshold passes.
 */
public final class Gate {
    private Gate() {
    }

    public static GateReport compare(SweepFolder base, SweepFolder cur, Thresholds th) {
        List<Check.Cells> cells = cells(base, cur);
        Set<Triple> broken = new HashSet<>();
        cells.stream().filter(c -> c.status().fails()).forEach(c -> broken.add(c.triple()));
        int[] undefined = {0};
        List<Check.Dice> dice = new ArrayList<>();
        for (ClassKey k : union(base.diceMeans().keySet(), cur.diceMeans().keySet())) {
            if (broken.contains(k.triple())) {
                continue;
            }
            Double b = base.diceMeans().get(k);
            Double c = cur.diceMeans().get(k);
            double bv = b == null ? Double.NaN : b;
            double cv = c == null ? Double.NaN : c;
            if (b != null && c != null && Double.isNaN(bv) && Double.isNaN(cv)) {
                undefined[0]++;
                continue;
            }
            Verdict v = judgeDrop("mean Dice", bv, cv, b != null, c != null, th.maxDiceDrop(), "--max-dice-drop");
            dice.add(new Check.Dice(k, className(base, cur, k.triple(), k.label()), bv, cv, v.status(), v.message()));
        }
        List<Check.Recall> recall = new ArrayList<>();
        for (BinKey k : union(base.recalls().keySet(), cur.recalls().keySet())) {
            if (broken.contains(k.triple())) {
                continue;
            }
            BinRecall b = base.recalls().get(k);
            BinRecall c = cur.recalls().get(k);
            double bv = b == null ? Double.NaN : b.recall();
            double cv = c == null ? Double.NaN : c.recall();
            if (b != null && c != null && Double.isNaN(bv) && Double.isNaN(cv)) {
                undefined[0]++;
                continue;
            }
            Verdict v = judgeDrop("detection recall", bv, cv, b != null, c != null, th.maxRecallDrop(), "--max-recall-drop");
            recall.add(new Check.Recall(k, className(base, cur, k.triple(), k.label()), b, c, v.status(), v.message()));
        }
        return new GateReport(cells, dice, recall, timing(base, cur, th, broken), undefined[0]);
    }

    /** A judgement and its reason. */
    record Verdict(Status status, String message) {
    }

    /**
     * Judges a metric where higher is better. {@code inBase}/{@code inCur}: whether the row exists at all.
     */
    static Verdict judgeDrop(String what, double base, double cur, boolean inBase, boolean inCur, double maxDrop, String flag) {
        if (!inBase || Double.isNaN(base)) {
            return new Verdict(Status.NEW, what + (inBase ? " undefined in the baseline" : " not in the baseline") + ", " + fmt(cur) + " now");
        }
        if (!inCur || Double.isNaN(cur)) {
            return new Verdict(Status.REGRESSION, what + (inCur ? " is undefined in the current sweep" : " is missing from the current sweep")
                    + " (baseline " + fmt(base) + ")");
        }
        double delta = cur - base;
        String values = " (" + fmt(base) + " -> " + fmt(cur) + ")";
        if (delta < -(maxDrop + Thresholds.SLACK)) {
            return new Verdict(Status.REGRESSION, what + " fell by " + fmt(-delta) + values + ", more than " + flag + " " + Thresholds.plain(maxDrop));
        }
        if (delta > maxDrop + Thresholds.SLACK) {
            return new Verdict(Status.IMPROVEMENT, what + " rose by " + fmt(delta) + values);
        }
        return new Verdict(Status.OK, what + " changed by " + fmt(delta) + values + ", within " + flag + " " + Thresholds.plain(maxDrop));
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
                msg = "every cell finished; " + bs.stream().filter(s -> !s.done()).count() + " had failed in the baseline";
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
