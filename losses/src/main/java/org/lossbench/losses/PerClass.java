package org.lossbench.losses;

import java.util.ArrayList;
import java.util.List;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.losses.spec.LossParams;

/** Per-class factors (class weights, focal alpha) given as a list in a spec, checked against K. */
final class PerClass {
    private PerClass() {
    }

    /** The list parameter {@code name}, which must hold exactly K values. */
    static List<Double> list(LossParams p, String name, int k) {
        List<Double> v = p.numbers(name);
        if (v.size() != k) {
            throw new LossbenchException(ExitCode.USAGE, "loss " + p.loss() + ": " + name + " has " + v.size()
                    + " values but the logits have K = " + k + " classes; give one value per class, background first");
        }
        return v;
    }

    /**
     * Focal alpha per class: a list is taken as is (K values); a single number alpha gives
     * {@code 1 - alpha} to the background and {@code alpha} to every other class (MONAI's convention).
     */
    static List<Double> alpha(LossParams p, int k) {
        if (p.isList("alpha")) {
            return list(p, "alpha", k);
        }
        double a = p.number("alpha");
        List<Double> out = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            out.add(c == 0 ? 1 - a : a);
        }
        return out;
    }

    /** {@code values[from..]}. */
    static List<Double> from(List<Double> values, int from) {
        return values.subList(from, values.size());
    }
}
