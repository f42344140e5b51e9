package org.lossbench.datasets.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lossbench.datasets.spec.Splits;

class SplitterTest {
    /** 40 cases: lesion counts 0..6 dealt in turn, like phantom-lesions. */
    private static Map<String, String> strata() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            m.put(String.format("case%02d", i), "lesions=" + (i % 7));
        }
        return m;
    }

    @Test
    void foldsPartitionTheCasesWithBalancedSizesAndStrata() {
        List<List<String>> folds = Splitter.folds(strata(), 5, 42);
        Set<String> all = new HashSet<>();
        for (List<String> f : folds) {
            assertEquals(8, f.size());
            all.addAll(f);
        }
        assertEquals(40, all.size());
        for (int s = 0; s < 7; s++) {
            int stratum = s;
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (List<String> f : folds) {
                long n = f.stream().filter(id -> Integer.parseInt(id.substring(4)) % 7 == stratum).count();
                min = Math.min(min, (int) n);
                max = Math.max(max, (int) n);
            }
            assertTrue(max - min <= 1, "stratum " + s + " spread " + min + ".." + max);
        }
    }

    @Test
    void sameSeedSameFoldsRegardlessOfInputOrderOtherSeedOtherFolds() {
        Map<String, String> reversed = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(strata().keySet());
        java.util.Collections.reverse(keys);
        keys.forEach(k -> reversed.put(k, strata().get(k)));
        assertEquals(Splitter.folds(strata(), 5, 42), Splitter.folds(reversed, 5, 42));
        assertNotEquals(Splitter.folds(strata(), 5, 42), Splitter.folds(strata(), 5, 43));
    }

    @Test
    void trainValTestHitsTheFractionsAndSpreadsStrata() {
        Splits s = Splitter.trainValTest(strata(), 0.6, 0.2, 0.2, 7);
        assertEquals(24, s.train().size());
        assertEquals(8, s.val().size());
        assertEquals(8, s.test().size());
        Set<String> all = new HashSet<>(s.train());
        all.addAll(s.val());
        all.addAll(s.test());
        assertEquals(40, all.size());
        // every stratum (strata 0-4 hold 6 cases, 5 and 6 hold 5) has at least two cases in train and at least one
        // outside it: none is confined to one split
        for (int st = 0; st < 7; st++) {
            int stratum = st;
            int size = st < 5 ? 6 : 5;
            long inTrain = s.train().stream().filter(id -> Integer.parseInt(id.substring(4)) % 7 == stratum).count();
            assertTrue(inTrain >= 2 && inTrain <= size - 1, "stratum " + st + " (" + size + " cases) in train: " + inTrain);
        }
        assertEquals(s, Splitter.trainValTest(strata(), 0.6, 0.2, 0.2, 7));
    }
}
