package org.lossbench.datasets.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lossbench.core.volume.Grid;
import org.lossbench.datasets.preprocess.Interpolation;

/** Checks against scipy (tools/datasets_reference.py writes the fixture). */
class ScipyReferenceTest {
    private static JsonNode ref;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = ScipyReferenceTest.class.getResourceAsStream("/org/lossbench/datasets/scipy_reference.json")) {
            ref = new ObjectMapper().readTree(in);
        }
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    private static Grid grid(JsonNode shape) {
        return Grid.of(shape.get(0).asInt(), shape.get(1).asInt(), shape.get(2).asInt());
    }

    /** Edge-clamped trilinear interpolation = scipy.ndimage.map_coordinates(order=1, mode='nearest'). */
    @Test
    void trilinearMatchesMapCoordinates() {
        JsonNode t = ref.get("trilinear");
        Grid g = grid(t.get("shape"));
        float[] vol = floats(t.get("volume"));
        for (int i = 0; i < t.get("values").size(); i++) {
            JsonNode p = t.get("points").get(i);
            float got = Interpolation.trilinear(vol, 0, g, p.get(0).asDouble(), p.get(1).asDouble(), p.get(2).asDouble(), Float.NaN);
            assertEquals(t.get("values").get(i).asDouble(), got, 1e-5, "point " + p);
        }
    }

    /** The point-spread blur = scipy.ndimage.gaussian_filter(sigma=0.6, mode='nearest', truncate=3). */
    @Test
    void blurMatchesGaussianFilter() {
        JsonNode b = ref.get("blur");
        Grid g = grid(b.get("shape"));
        float[] img = floats(b.get("input"));
        Acquisition.gaussianBlur(g, img, b.get("sigma").asDouble());
        float[] want = floats(b.get("output"));
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], img[i], 1e-5, "voxel " + i);
        }
    }

    /** The Rician noise model's mean matches scipy.stats.rice for signal nu and sigma. */
    @Test
    void ricianNoiseMeanMatchesRiceDistribution() {
        Grid g = Grid.of(64, 64, 64);
        for (JsonNode row : ref.get("rician_mean")) {
            double nu = row.get(0).asDouble();
            double sigma = row.get(1).asDouble();
            float[] img = new float[g.voxelCount()];
            java.util.Arrays.fill(img, (float) nu);
            Acquisition.acquire(g, img, new Modality("MR", Modality.Noise.RICIAN, sigma, 0, 0), new SplittableRandom(1));
            double mean = 0;
            for (float v : img) {
                mean += v;
            }
            mean /= img.length;
            // standard error of the mean <= sigma / sqrt(262144) = sigma / 512
            assertEquals(row.get(2).asDouble(), mean, 4 * sigma / 512, "nu " + nu + " sigma " + sigma);
        }
    }
}
