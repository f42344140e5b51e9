package org.lossbench.datasets.split;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.lossbench.datasets.spec.Splits;

class SplitterPropertiesTest {
    private static Map<String, String> cases(int n, int strata) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            m.put("c" + i, "s" + (i * 7919 % strata));
        }
        return m;
    }

    @Property(tries = 200)
    boolean foldsPartitionAndBalance(@ForAll @IntRange(min = 2, max = 60) int n, @ForAll @IntRange(min = 1, max = 8) int strata,
                                     @ForAll @IntRange(min = 2, max = 10) int k, @ForAll long seed) {
        if (k > n) {
            return true;
        }
        List<List<String>> folds = Splitter.folds(cases(n, strata), k, seed);
        Set<String> all = new HashSet<>();
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (List<String> f : folds) {
            all.addAll(f);
            min = Math.min(min, f.size());
            max = Math.max(max, f.size());
        }
        return all.size() == n && folds.stream().mapToInt(List::size).sum() == n && max - min <= 1;
    }

    @Property(tries = 200)
    boolean trainValTestCoversEveryCaseOnceWithinOneOfTheTargets(@ForAll @IntRange(min = 1, max = 80) int n,
                                                                 @ForAll @IntRange(min = 1, max = 6) int strata, @ForAll long seed) {
        Splits s = Splitter.trainValTest(cases(n, strata), 0.7, 0.1, 0.2, seed);
        List<String> all = new ArrayList<>(s.train());
        all.addAll(s.val());
        all.addAll(s.test());
        return all.size() == n && new HashSet<>(all).size() == n
                && Math.abs(s.train().size() - 0.7 * n) <= 1 && Math.abs(s.val().size() - 0.1 * n) <= 1
                && Math.abs(s.test().size() - 0.2 * n) <= 1;
    }
}
