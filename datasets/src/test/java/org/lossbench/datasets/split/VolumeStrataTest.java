package org.lossbench.datasets.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;

class VolumeStrataTest {
    @Test
    void foregroundVolumeCountsEveryNonZeroLabelTimesTheVoxelVolume() {
        Grid g = Grid.of(1, 2, 5, 2.0, 1.5, 1.0); // 3 mm^3 per voxel
        LabelMap l = LabelMap.of(g, new int[] {0, 1, 1, 2, 0, 0, 2, 0, 3, 0});
        assertEquals(5 * 3.0, VolumeStrata.foregroundVolume(l), 0);
    }

    @Test
    void quantileBinsHaveEqualCountsInVolumeOrderWithTiesById() {
        // seven cases, three bins: ranks 0-2 -> bin 1 (floor(r*3/7) = 0,0,0), ranks 3-4 -> bin 2, ranks 5-6 -> bin 3
        Map<String, Double> v = Map.of("g", 70.0, "a", 10.0, "c", 30.0, "b", 30.0, "e", 50.0, "f", 60.0, "d", 40.0);
        assertEquals(Map.of("a", "volume-01of03", "b", "volume-01of03", "c", "volume-01of03", "d", "volume-02of03",
                "e", "volume-02of03", "f", "volume-03of03", "g", "volume-03of03"), VolumeStrata.quantiles(v, 3));
        // a tie is broken by id: of three cases in two bins, ranks 0-1 go to bin 1 (floor(r*2/3) = 0, 0, 1)
        assertEquals("volume-01of02", VolumeStrata.quantiles(Map.of("a", 1.0, "c", 5.0, "b", 5.0), 2).get("b"));
        assertEquals("volume-02of02", VolumeStrata.quantiles(Map.of("a", 1.0, "c", 5.0, "b", 5.0), 2).get("c"));
        assertThrows(IllegalArgumentException.class, () -> VolumeStrata.quantiles(Map.of("a", 1.0), 2));
    }
}
