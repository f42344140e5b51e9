package org.lossbench.eval.compare;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything the gate checked, by kind, in the baseline's order (new entries last).
 *
 * @param undefinedInBoth Dice means and recall bins undefined in both sweeps (a class without reference
 *                        voxels in any case, a size bin without reference lesions): nothing to compare, not checks
 */
public record GateReport(List<Check.Cells> cells, List<Check.Dice> dice, List<Check.Recall> recall, List<Check.Timing> timing,
                         int undefinedInBoth) {

    /** Every check: cells, Dice, recall, timing. */
    public List<Check> all() {
        List<Check> out = new ArrayList<>(cells);
        out.addAll(dice);
        out.addAll(recall);
        out.addAll(timing);
        return out;
    }

    public long count(Status s) {
        return all().stream().filter(c -> c.status() == s).count();
    }

    public boolean passed() {
        return count(Status.REGRESSION) == 0;
    }
}
