package org.lossbench.core.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lossbench.core.BadInputException;

class ImageVolumeTest {

    /**
     * Two channels of D=2, H=3, W=4 (24 voxels each). Flat index 47 is channel 1, voxel 23 of the
     * channel: x = 23 % 4 = 3, y = (23 / 4) % 3 = 2, z = 23 / 12 = 1.
     */
    @Test
    void requireFiniteNamesTheChannelAndVoxelOfTheFirstBadValue() {
        float[] data = new float[48];
        data[47] = Float.NaN;
        ImageVolume img = new ImageVolume(Grid.of(2, 3, 4), 2, data);
        BadInputException e = assertThrows(BadInputException.class, () -> img.requireFinite("a.nii.gz"));
        assertEquals("a.nii.gz: channel 1, voxel (x=3, y=2, z=1) is NaN; images must hold finite intensities (fill or mask the missing"
                + " voxels, e.g. with the background value, before using the image)", e.getMessage());

        data[47] = 0;
        data[5] = Float.NEGATIVE_INFINITY; // channel 0, x = 1, y = 1, z = 0
        BadInputException inf = assertThrows(BadInputException.class, () -> img.requireFinite("b"));
        assertEquals("b: channel 0, voxel (x=1, y=1, z=0) is infinite", inf.getMessage().substring(0, 47));
    }

    @Test
    void finiteImagesPass() {
        float[] data = {Float.MAX_VALUE, -Float.MAX_VALUE, 0f, Float.MIN_VALUE};
        new ImageVolume(Grid.of(1, 2, 2), 1, data).requireFinite("ok");
    }
}
