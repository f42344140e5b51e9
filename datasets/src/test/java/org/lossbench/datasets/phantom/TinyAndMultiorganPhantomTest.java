package org.lossbench.datasets.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class TinyAndMultiorganPhantomTest {
    @Test
    void tinyHasThreeClassesOn32Cubed() {
        assertEquals(3, Phantoms.TINY.labels().size());
        for (int i = 0; i < Phantoms.TINY.caseCount(); i++) {
            PhantomCase c = Phantoms.TINY.generate(5, i);
            assertEquals("[32, 32, 32]", c.label().grid().shapeString());
            SortedMap<Integer, Long> h = c.label().histogram();
            assertEquals(List.of(0, 1, 2), List.copyOf(h.keySet()), c.id());
            double organ = h.get(1) / 32768.0;
            assertTrue(organ >= 0.10 && organ <= 0.20, c.id() + " organ " + organ);
        }
    }

    /**
     * Magnitude MR: where the signal is zero (air in the image corners), Rician noise is Rayleigh,
     * with mean {@code sigma sqrt(pi / 2)} and no negative values.
     */
    @Test
    void mrNoiseInAirIsRayleigh() {
        double sum = 0;
        int k = 0;
        for (int i = 0; i < Phantoms.TINY.caseCount(); i++) {
            PhantomCase c = Phantoms.TINY.generate(3, i);
            for (int z = 0; z < 32; z++) {
                for (int y = 0; y < 3; y++) {
                    for (int x = 0; x < 3; x++) {
                        float v = c.image().get(0, z, y, x);
                        assertTrue(v >= 0);
                        sum += v;
                        k++;
                    }
                }
            }
        }
        double expected = 0.05 * Math.sqrt(Math.PI / 2);
        // Rayleigh sd = sigma sqrt(2 - pi/2) = 0.0328; 1152 samples: standard error 0.001
        assertEquals(expected, sum / k, 0.004);
    }

    @Test
    void multiorganHasAtLeastTwelveStructuresSpanningThreeOrdersOfMagnitude() {
        List<PhantomCase> cases = Phantoms.generateAll(Phantoms.MULTIORGAN, 9, 2, i -> { });
        for (PhantomCase c : cases) {
            SortedMap<Integer, Long> h = c.label().histogram();
            long present = h.keySet().stream().filter(k -> k > 0).count();
            assertTrue(present >= 12, c.id() + " has " + present + " structures");
            double n = c.label().size();
            double min = 1;
            double max = 0;
            for (var e : h.entrySet()) {
                if (e.getKey() > 0) {
                    min = Math.min(min, e.getValue() / n);
                    max = Math.max(max, e.getValue() / n);
                }
            }
            assertTrue(min >= 0.0002 && min <= 0.0008, c.id() + " smallest fraction " + min);
            assertTrue(max >= 0.20 && max <= 0.35, c.id() + " largest fraction " + max);
        }
        assertNotEquals(PhantomHash.of(cases.get(0)), PhantomHash.of(cases.get(1)));
        // the deformation moves boundaries but keeps the layout: labels agree on most voxels
        int same = 0;
        for (int i = 0; i < cases.get(0).label().size(); i++) {
            if (cases.get(0).label().get(i) == cases.get(1).label().get(i)) {
                same++;
            }
        }
        double agreement = same / (double) cases.get(0).label().size();
        assertTrue(agreement > 0.8 && agreement < 1, "label agreement " + agreement);
    }
}
