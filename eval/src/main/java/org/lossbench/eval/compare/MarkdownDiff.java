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
 * The gate's report for people: a verdict line, the list of regressions, then per (dataset, model) the
 * cells, the mean Dice per class and loss, the detection recall per class, size bin and loss, and the
 * inference time; each table with baseline, current, delta and status, regressions first and in bold.
 * Tables are Tablesaw tables rendered by {@link MarkdownTable} (NaN prints {@code nan}: undefined, or absent
 * from that sweep, as the status says).
 */
public final class MarkdownDiff {
    private MarkdownDiff() {
    }

    public static String render(GateReport r, SweepFolder base, SweepFolder cur, Thresholds th) {
        StringBuilder sb = new StringBuilder("# lossbench compare\n\n");
        sb.append(verdict(r)).append("\n\n");
        sb.append("Baseline `").append(base.dir()).append("` (sweep `").append(base.name()).append("`), current `").append(cur.dir())
                .append("` (sweep `").append(cur.name()).append("`). Regression: ").append(th.describe())
                .append("; a cell missing or failed in the current sweep. See docs/gate.md.\n");
        if (!r.passed()) {
            sb.append("\n## Regressions\n\n");
            r.all().stream().filter(c -> c.status().fails()).forEach(c -> sb.append("- `").append(c.name()).append("`: ").append(c.message()).append('\n'));
        }
        Set<Group> groups = new LinkedHashSet<>();
        r.cells().forEach(c -> groups.add(c.triple().group()));
        r.dice().forEach(c -> groups.add(c.key().triple().group()));
        r.timing().forEach(c -> groups.add(c.triple().group()));
        for (Group g : groups) {
            sb.append("\n## ").append(g).append("\n");
            section(sb, "Cells", cells(only(r.cells(), c -> c.triple().group(), g)));
            section(sb, "Mean Dice per class and loss", dice(only(byClass(r.dice(), c -> c.key().label(), c -> ""),
                    c -> c.key().triple().group(), g)));
            section(sb, "Lesion detection recall per class, size and loss", recall(only(byClass(r.recall(), c -> c.key().label(),
                    c -> c.key().bin()), c -> c.key().triple().group(), g)));
            section(sb, "Inference seconds per case", timing(only(r.timing(), c -> c.triple().group(), g)));
        }
        if (r.undefinedInBoth() > 0) {
            sb.append("\n").append(r.undefinedInBoth()).append(" values undefined in both sweeps (a class without reference voxels, "
                    + "a size bin without reference lesions) are not checked.\n");
        }
        return sb.toString();
    }

    /** {@code **Gate failed: 2 regressions** in 40 checks (...)} or {@code Gate passed: no regression in 40 checks (...)}. */
    static String verdict(GateReport r) {
        long reg = r.count(Status.REGRESSION);
        String counts = " in " + r.all().size() + " checks (cells " + failing(r.cells()) + ", Dice " + failing(r.dice()) + ", recall "
                + failing(r.recall()) + ", timing " + failing(r.timing()) + "); " + r.count(Status.IMPROVEMENT)
                + (r.count(Status.IMPROVEMENT) == 1 ? " improvement, " : " improvements, ") + r.count(Status.NEW) + " new.";
        return reg == 0 ? "Gate passed: no regression" + counts : "**Gate failed: " + reg + (reg == 1 ? " regression**" : " regressions**") + counts;
    }

    private static long failing(List<? extends Check> cs) {
        return cs.stream().filter(c -> c.status().fails()).count();
    }

    private static void section(StringBuilder sb, String title, Table t) {
        if (t.rowCount() > 0) {
            sb.append("\n### ").append(title).append("\n\n").append(MarkdownTable.render(t));
        }
    }

    /** The checks of one group, regressions first, then improvements, new and ok, each in the gate's order. */
    private static <C extends Check> List<C> only(List<C> checks, Function<C, Group> group, Group g) {
        return checks.stream().filter(c -> group.apply(c).equals(g)).sorted(Comparator.comparing(Check::status)).toList();
    }

    /** The checks ordered by class, then size bin (in the order of their first appearance), then in the gate's (loss) order. */
    private static <C extends Check> List<C> byClass(List<C> checks, Function<C, Integer> label, Function<C, String> bin) {
        List<String> bins = checks.stream().map(bin).distinct().toList();
        return checks.stream().sorted(Comparator.comparing(label).thenComparing(c -> bins.indexOf(bin.apply(c)))).toList();
    }

    private static String status(Status s) {
        return s.fails() ? "**" + s.label() + "**" : s.label();
    }

    private static String loss(Triple t) {
        return t.loss() == null ? "(all losses)" : t.loss();
    }

    private static Table cells(List<Check.Cells> cs) {
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
            st.append(status(x.status()));
            note.append(x.status() == Status.OK ? "" : x.message());
        }
        return Table.create("cells", loss, b, c, f, st, note);
    }

    private static Table dice(List<Check.Dice> cs) {
        StringColumn cls = StringColumn.create("class");
        StringColumn loss = StringColumn.create("loss");
        DoubleColumn b = DoubleColumn.create("baseline");
        DoubleColumn c = DoubleColumn.create("current");
        DoubleColumn d = DoubleColumn.create("Δ");
        StringColumn st = StringColumn.create("status");
        for (Check.Dice x : cs) {
            cls.append(x.className());
            loss.append(loss(x.key().triple()));
            b.append(x.baseline());
            c.append(x.current());
            d.append(x.current() - x.baseline());
            st.append(status(x.status()));
        }
        return Table.create("dice", cls, loss, b, c, d, st);
    }

    private static Table recall(List<Check.Recall> cs) {
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
            st.append(status(x.status()));
        }
        return Table.create("recall", cls, bin, loss, lb, b, lc, c, d, st);
    }

    private static Table timing(List<Check.Timing> cs) {
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
            st.append(status(x.status()));
        }
        return Table.create("timing", loss, bn, bm, bp, cn, cm, ratio, st);
    }
}
