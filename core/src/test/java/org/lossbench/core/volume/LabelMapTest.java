package org.lossbench.core.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LabelMapTest {

    @Test
    void storageWidensOnlyAsFarAsTheValuesNeed() {
        LabelMap map = LabelMap.zeros(Grid.of(1, 2, 3));
        assertEquals(LabelMap.Storage.UINT8, map.storage());
        map.set(0, 255);
        assertEquals(LabelMap.Storage.UINT8, map.storage());
        map.set(1, 300);
        assertEquals(LabelMap.Storage.INT16, map.storage());
        map.set(2, 40000);
        assertEquals(LabelMap.Storage.UINT16, map.storage());
        map.set(3, -1);
        assertEquals(LabelMap.Storage.INT32, map.storage());
        assertArrayEquals(new int[] {255, 300, 40000, -1, 0, 0}, map.toIntArray());
        assertEquals(-1, map.min());
        assertEquals(40000, map.max());
    }

    @Test
    void narrowest() {
        assertEquals(LabelMap.Storage.UINT8, LabelMap.Storage.narrowest(0, 255));
        assertEquals(LabelMap.Storage.INT16, LabelMap.Storage.narrowest(-1, 255));
        assertEquals(LabelMap.Storage.UINT16, LabelMap.Storage.narrowest(0, 65535));
        assertEquals(LabelMap.Storage.INT32, LabelMap.Storage.narrowest(-1, 32768));
        assertEquals(LabelMap.Storage.INT32, LabelMap.Storage.narrowest(0, 65536));
    }

    @Property(tries = 100)
    void histogramCountsEveryVoxel(@ForAll @Size(value = 60) int[] raw, @ForAll boolean sparse) {
        int[] values = new int[60];
        Map<Integer, Long> expected = new TreeMap<>();
        for (int i = 0; i < 60; i++) {
            values[i] = sparse ? raw[i] : Math.floorMod(raw[i], 7);
            expected.merge(values[i], 1L, Long::sum);
        }
        LabelMap map = LabelMap.of(Grid.of(3, 4, 5), values);
        assertEquals(expected, map.histogram());
        assertArrayEquals(values, map.toIntArray());
    }

    @Test
    void indexingIsWFastest() {
        Grid grid = Grid.of(2, 3, 4);
        LabelMap map = LabelMap.zeros(grid);
        map.set(1, 2, 3, 9);
        assertEquals(9, map.get(grid.voxelCount() - 1));
        assertEquals((1 * 3 + 2) * 4 + 3, grid.index(1, 2, 3));
    }
}
