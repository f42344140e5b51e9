package org.lossbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lossbench.eval.lesion.Connectivity;
import org.lossbench.eval.lesion.SizeBins;

class OptionsParsingTest {
    @Test
    void tolerancesDefaultAndPerClass() {
        Tolerances t = Tolerances.parse("1.5, 3=0.5,7=4");
        assertEquals(1.5, t.forClass(1));
        assertEquals(0.5, t.forClass(3));
        assertEquals(4.0, t.forClass(7));
        assertEquals(2.0, Tolerances.parse("3=1").forClass(1));
        assertThrows(IllegalArgumentException.class, () -> Tolerances.parse("x"));
        assertThrows(IllegalArgumentException.class, () -> Tolerances.parse("-1"));
    }

    /** Edges 3, 6, 12, 24: a diameter equal to an edge falls in the bin above it. */
    @Test
    void sizeBins() {
        SizeBins b = SizeBins.defaults();
        assertEquals(5, b.count());
        assertEquals(0, b.binOf(2.99));
        assertEquals(1, b.binOf(3.0));
        assertEquals(4, b.binOf(24.0));
        assertEquals("[12,24)", b.name(3));
        assertEquals("[24,inf)", b.name(4));
        assertEquals("[0,2.5)", SizeBins.parse("2.5").name(0));
        assertThrows(IllegalArgumentException.class, () -> SizeBins.parse("6,3"));
        // a 1 mm3 voxel: (6 / pi)^(1/3)
        assertEquals(1.2407009817987, SizeBins.equivalentDiameter(1.0), 1e-12);
    }

    @Test
    void enumsParse() {
        assertEquals(EmptyPolicy.NNUNET, EmptyPolicy.parse("nnUNet"));
        assertThrows(IllegalArgumentException.class, () -> EmptyPolicy.parse("zero"));
        assertEquals(Connectivity.EDGES, Connectivity.of(18));
        assertThrows(IllegalArgumentException.class, () -> Connectivity.of(8));
    }
}
