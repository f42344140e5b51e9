package org.lossbench.eval.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

/**
 * The interval is the set of shifts the signed-rank test does not reject (Hollander and Wolfe
 * 1999, 3.3): for distinct integer differences and a shift theta halfway between two neighbouring
 * Walsh averages (so d - theta has neither zeros nor ties), theta lies strictly inside
 * [low, high] exactly when the exact test of d - theta gives p > 1 - coverage.
 */
class HodgesLehmannProperties {
    @Property(tries = 200)
    void intervalInvertsTheTest(@ForAll @Size(min = 1, max = 12) @UniqueElements
                                List<@IntRange(min = -30, max = 30) Integer> values,
                                @ForAll @IntRange(min = 0, max = 3) int level) {
        double[] d = values.stream().mapToDouble(Integer::doubleValue).toArray();
        double confidence = new double[] {0.8, 0.9, 0.95, 0.99}[level];
        HodgesLehmann.Result r = HodgesLehmann.of(d, confidence);
        TreeSet<Double> walsh = new TreeSet<>();
        for (int i = 0; i < d.length; i++) {
            for (int j = i; j < d.length; j++) {
                walsh.add((d[i] + d[j]) / 2);
            }
        }
        List<Double> shifts = new ArrayList<>();
        shifts.add(walsh.first() - 0.25);
        shifts.add(walsh.last() + 0.25);
        Double previous = null;
        for (double w : walsh) {
            if (previous != null) {
                shifts.add((previous + w) / 2);
            }
            previous = w;
        }
        for (double theta : shifts) {
            double[] shifted = new double[d.length];
            for (int i = 0; i < d.length; i++) {
                shifted[i] = d[i] - theta;
            }
            WilcoxonSignedRank.Result t = WilcoxonSignedRank.test(shifted);
            boolean inside = theta > r.low() && theta < r.high();
            assertEquals(inside, t.p() > 1 - r.coverage(), "theta " + theta + ", " + r + ", " + t);
        }
    }
}
