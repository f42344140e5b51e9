package org.lossbench.datasets.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.datasets.phantom.PhantomCase;
import org.lossbench.datasets.phantom.Phantoms;

class PreprocessorTest {
    @Test
    void ctIsClippedAndStandardisedMrIsZScoredThenResampled() {
        List<LoadedCase> train = List.of(Phantoms.LESIONS.generate(1, 0).asLoaded(), Phantoms.LESIONS.generate(1, 1).asLoaded());
        Preprocessor p = Preprocessor.fit(Phantoms.LESIONS.modalities(), train, new double[] {2, 2, 2});
        CtNormalization ct = p.ctNormalization(0);
        assertNotNull(ct);
        assertNull(p.ctNormalization(1));
        PhantomCase c = Phantoms.LESIONS.generate(1, 5);
        LoadedCase out = p.apply(c.asLoaded());
        assertArrayEquals(new int[] {32, 32, 32}, out.image().grid().shape());
        assertArrayEquals(new int[] {32, 32, 32}, out.label().grid().shape());
        // voxel (0, 0, 0) of the output samples input voxel (0, 0, 0) exactly: air, clipped to the CT floor
        double expectedCt = (Math.max(ct.lower(), Math.min(ct.upper(), c.image().get(0, 0, 0, 0))) - ct.mean()) / ct.std();
        assertEquals(expectedCt, out.image().get(0, 0, 0, 0), 1e-5);
        // MR channel: z-scored over the whole case before resampling
        int n = c.image().grid().voxelCount();
        double mean = 0;
        for (int i = n; i < 2 * n; i++) {
            mean += c.image().data()[i];
        }
        mean /= n;
        double ss = 0;
        for (int i = n; i < 2 * n; i++) {
            ss += (c.image().data()[i] - mean) * (c.image().data()[i] - mean);
        }
        double std = Math.sqrt(ss / n);
        assertEquals((c.image().get(1, 2, 4, 6) - mean) / std, out.image().get(1, 1, 2, 3), 1e-4);
        assertEquals(c.label().get(2, 4, 6), out.label().get(1, 2, 3));
    }
}
