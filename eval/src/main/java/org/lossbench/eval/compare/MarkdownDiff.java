package org.lossbench.eval.compare;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.lossbench.eval.compare.Keys.Group;
import org.lossbench.eval.compare.Keys.Triple;
import org.lossbench.eval.report.MarkdownTable;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The gate's report for people: a verdict line, the list of failing checks, the list of blind checks with their
 * reasons, then per (dataset, model) the cells, the mean Dice, mean NSD and median HD95 per class and loss, the
 * detection recall per class, size bin and loss, and the inference time; each table with baseline, current,
 * delta, threshold and status, failing checks first and in bold. Tables are Tablesaw tables rendered by
 * {@link MarkdownTable} (NaN prints {@code nan}: undefined, or absent from that sweep, as the status says).
 */
public final class MarkdownDiff {
    private MarkdownDiff() {
    }

    public static String render(GateReport r, SweepFolder base, SweepFolder cur, Thresholds th) {
        StringBuilder sb = new StringBuilder("# lossbench compare\n\n");
        sb.append(verdict(r)).append("\n\n");
        sb.append("Baseline `").append(base.dir()).append("` (sweep `").append(base.name()).append("`), current `").append(cur.dir())
                .append("` (sweep `").append(cur.name()).append("`). A change: ").append(th.describe())
                .append("; worse is a regression, better an improvement (").append(th.allowImprovements()
                        ? "allowed by --allow-improvements: refresh the baseline to make it the reference"
                        : "fails: refresh the baseline, or pass --allow-improvements").append("); a cell missing or failed in the current sweep "
                        + "is a regression. See docs/gate.md.\n");
        if (!r.passed()) {
            sb.append("\n## Failing checks\n\n");
            r.failing().forEach(c -> sb.append("- `").append(c.name()).append("`: ").append(c.message()).append('\n'));
        }
        List<Check> blind = r.all().stream().filter(c -> c.status() == Status.BLIND).toList();
        if (!blind.isEmpty()) {
            sb.append("\n## Blind checks (skipped: the baseline could not show a regression)\n\n");
            blind.forEach(c -> sb.append("- `").append(c.name()).append("`: ").append(c.message()).append('\n'));
        }
        Set<Group> groups = new LinkedHashSet<>();
        r.cells().forEach(c -> groups.add(c.triple().group()));
        r.metrics().forEach(c -> groups.add(c.key().triple().group()));
        r.timing().forEach(c -> groups.add(c.triple().group()));
        for (Group g : groups) {
            sb.append("\n## ").append(g).append("\n");
            section(sb, "Cells", cells(r, only(r, r.cells(), c -> c.triple().group(), g)));
            for (ClassMetric m : ClassMetric.values()) {
                section(sb, title(m), metric(r, m, only(r, byClass(r.metrics(m), c -> c.key().label(), c -> ""), c -> c.key().triple().group(), g)));
            }
            section(sb, "Lesion detection recall per class, size and loss", recall(r, only(r, byClass(r.recall(), c -> c.key().label(),
                    c -> c.key().bin()), c -> c.key().triple().group(), g)));
            section(sb, "Inference seconds per case", timing(r, only(r, r.timing(), c -> c.triple().group(), g)));
        }
        if (r.undefinedInBoth() > 0) {
            sb.append("\n").append(r.undefinedInBoth()).append(" values undefined in both sweeps (a class without reference voxels, "
                    + "a size bin without reference lesions) are not checked.\n");
        }
        return sb.toString();
    }

    /**
     * {@code **Gate failed: 2 regressions, 1 improvement** in 40 checks (...)} or {@code Gate passed: no regression in
     * 40 checks (...)}; the counts per kind are the failing checks; then improvements, new and blind checks.
     */
    static String verdict(GateReport r) {
        List<Check> failing = r.failing();
        long reg = failing.stream().filter(c -> c.status() == Status.REGRESSION).count();
        long imp = failing.size() - reg;
        long improvements = r.count(Status.IMPROVEMENT);
        String counts = " in " + r.all().size() + " checks (cells " + failing(r, r.cells()) + ", Dice " + failing(r, r.metrics(ClassMetric.DICE))
                + ", NSD " + failing(r, r.metrics(ClassMetric.NSD)) + ", HD95 " + failing(r, r.metrics(ClassMetric.HD95)) + ", recall "
                + failing(r, r.recall()) + ", timing " + failing(r, r.timing()) + "); " + improvements
                + (improvements == 1 ? " improvement, " : " improvements, ") + r.count(Status.NEW) + " new, " + r.count(Status.BLIND) + " blind.";
        if (failing.isEmpty()) {
            return "Gate passed: no regression" + counts;
        }
        StringBuilder what = new StringBuilder();
        if (reg > 0) {
            what.append(reg).append(reg == 1 ? " regression" : " regressions");
        }
        if (imp > 0) {
            what.append(reg > 0 ? ", " : "").append(imp).append(imp == 1 ? " improvement" : " improvements").append(" without --allow-improvements");
        }
        return "**Gate failed: " + what + "**" + counts;
    }

    private static String title(ClassMetric m) {
        return switch (m) {
            case DICE -> "Mean Dice per class and loss";
            case NSD -> "Mean NSD per class and loss";
            case HD95 -> "Median HD95 (mm) per class and loss";
        };
    }

    private static long failing(GateReport r, List<? extends Check> cs) {
        return cs.stream().filter(r::fails).count();
    }

    private static void section(StringBuilder sb, String title, Table t) {
        if (t.rowCount() > 0) {
            sb.append("\n### ").append(title).append("\n\n").append(MarkdownTable.render(t));
        }
    }

    /** The checks of one group, failing ones first, then by status (regression, improvement, new, blind, ok), each in the gate's order. */
    private static <C extends Check> List<C> only(GateReport r, List<C> checks, Function<C, Group> group, Group g) {
        return checks.stream().filter(c -> group.apply(c).equals(g))
                .sorted(Comparator.comparing((C c) -> !r.fails(c)).thenComparing(Check::status)).toList();
    }

    /** The checks ordered by class, then size bin (in the order of their first appearance), then in the gate's (loss) order. */
    private static <C extends Check> List<C> byClass(List<C> checks, Function<C, Integer> label, Function<C, String> bin) {
        List<String> bins = checks.stream().map(bin).distinct().toList();
        return checks.stream().sorted(Comparator.comparing(label).thenComparing(c -> bins.indexOf(bin.apply(c)))).toList();
    }

    private static String status(GateReport r, Check c) {
        return r.fails(c) ? "**" + c.status().label() + "**" : c.status().label();
    }

    private static String loss(Triple t) {
        return t.loss() == null ? "(all losses)" : t.loss();
    }

    private static Table cells(GateReport r, List<Check.Cells> cs) {
        StringColumn loss = StringColumn.create("loss");
        IntColumn b = IntColumn.create("baseline cells");
        IntColumn c = IntColumn.create("current finished");
        IntColumn f = IntColumn.create("current failed");
        StringColumn st = StringColumn.create("status");
        StringColumn note = StringColumn.create("note");
        for (Check.Cells x : cs) {
            loss.append(loss(x.triple()));
            b.append(x.baselineCells());
            c.append(x.currentCells());
            f.append(x.currentFailed());
            st.append(status(r, x));
            note.append(x.status() == Status.OK ? "" : x.message());
        }
        return Table.create("cells", loss, b, c, f, st, note);
    }

    private static Table metric(GateReport r, ClassMetric m, List<Check.Metric> cs) {
        StringColumn cls = StringColumn.create("class");
        StringColumn loss = StringColumn.create("loss");
        DoubleColumn b = DoubleColumn.create("baseline");
        DoubleColumn c = DoubleColumn.create("current");
        DoubleColumn d = DoubleColumn.create("Δ");
        DoubleColumn t = DoubleColumn.create(m == ClassMetric.HD95 ? "threshold mm" : "threshold");
        StringColumn st = StringColumn.create("status");
        for (Check.Metric x : cs) {
            cls.append(x.className());
            loss.append(loss(x.key().triple()));
            b.append(x.baseline());
            c.append(x.current());
            d.append(x.current() == x.baseline() ? 0 : x.current() - x.baseline());
            t.append(x.threshold());
            st.append(status(r, x));
        }
        return Table.create(m.kind(), cls, loss, b, c, d, t, st);
    }

    private static Table recall(GateReport r, List<Check.Recall> cs) {
        StringColumn cls = StringColumn.create("class");
        StringColumn bin = StringColumn.create("size (mm)");
        StringColumn loss = StringColumn.create("loss");
        StringColumn lb = StringColumn.create("baseline detected/lesions");
        DoubleColumn b = DoubleColumn.create("baseline");
        StringColumn lc = StringColumn.create("current detected/lesions");
        DoubleColumn c = DoubleColumn.create("current");
        DoubleColumn d = DoubleColumn.create("Δ");
        StringColumn st = StringColumn.create("status");
        for (Check.Recall x : cs) {
            cls.append(x.className());
            bin.append(x.key().bin());
            loss.append(loss(x.key().triple()));
            double bv = x.baseline() == null ? Double.NaN : x.baseline().recall();
            double cv = x.current() == null ? Double.NaN : x.current().recall();
            lb.append(x.baseline() == null ? "" : x.baseline().detected() + "/" + x.baseline().lesions());
            b.append(bv);
            lc.append(x.current() == null ? "" : x.current().detected() + "/" + x.current().lesions());
            c.append(cv);
            d.append(cv - bv);
            st.append(status(r, x));
        }
        return Table.create("recall", cls, bin, loss, lb, b, lc, c, d, st);
    }

    private static Table timing(GateReport r, List<Check.Timing> cs) {
        StringColumn loss = StringColumn.create("loss");
        IntColumn bn = IntColumn.create("baseline n");
        DoubleColumn bm = DoubleColumn.create("baseline median s");
        DoubleColumn bp = DoubleColumn.create("baseline p90 s");
        IntColumn cn = IntColumn.create("current n");
        DoubleColumn cm = DoubleColumn.create("current median s");
        DoubleColumn ratio = DoubleColumn.create("current / baseline median");
        StringColumn st = StringColumn.create("status");
        for (Check.Timing x : cs) {
            loss.append(loss(x.triple()));
            bn.append(x.baseline() == null ? 0 : x.baseline().n());
            bm.append(x.baseline() == null ? Double.NaN : x.baseline().median());
            bp.append(x.baseline() == null ? Double.NaN : x.baseline().p90());
            cn.append(x.current().n());
            cm.append(x.current().median());
            ratio.append(x.baseline() == null ? Double.NaN : x.current().median() / x.baseline().median());
            st.append(status(r, x));
        }
        return Table.create("timing", loss, bn, bm, bp, cn, cm, ratio, st);
    }
}
