package org.lossbench.datasets.phantom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lossbench.datasets.spec.Splits;
import org.lossbench.datasets.split.Splitter;

/**
 * Version 2 of phantom-lesions at the default seed, the data the sweep uses. Lesion sizes are
 * checked against an independent breadth-first component labelling ({@link Components}) and against
 * scipy: {@code tools/check_phantom.py DIR --bins} on a generated folder wrote the per-case counts per
 * size bin ({@code phantom_lesions_v2_bins.json}, and {@code _v1_} for version 1) with
 * {@code scipy.ndimage.label} and 26-connectivity.
 */
class LesionPhantomV2Test {
    /** Size bins of {@code lossbench evaluate} (SizeBins.defaults): equivalent-sphere diameter edges, mm. */
    private static final double[] EDGES = {3, 6, 12, 24};

    private static List<PhantomCase> cases;

    @BeforeAll
    static void generate() {
        cases = Phantoms.generateAll(Phantoms.LESIONS, Phantoms.DEFAULT_SEED, 2, i -> { });
    }

    /** {@code floor}-style bin of {@code d = (6 V / pi)^(1/3)}, computed here from the definition. */
    private static int bin(long voxels) {
        double d = Math.cbrt(6 * voxels / Math.PI); // 1 mm^3 voxels
        int b = 0;
        while (b < EDGES.length && d >= EDGES[b]) {
            b++;
        }
        return b;
    }

    private static int[] binsOf(PhantomCase c) {
        int[] out = new int[EDGES.length + 1];
        for (Components.Component k : Components.of(c.label(), 3)) {
            out[bin(k.voxels())]++;
        }
        return out;
    }

    private static JsonNode fixture(String name) throws Exception {
        try (InputStream in = LesionPhantomV2Test.class.getResourceAsStream("/org/lossbench/datasets/" + name)) {
            return new ObjectMapper().readTree(in).get("cases");
        }
    }

    private static int[] sum(JsonNode bins, List<String> ids) {
        int[] out = new int[EDGES.length + 1];
        for (String id : ids) {
            for (int b = 0; b < out.length; b++) {
                out[b] += bins.get(id).get(b).asInt();
            }
        }
        return out;
    }

    /** The split the sweep trains and evaluates with: TrainingData's stratified 60/20/20 split, split seed 0. */
    private static Splits sweepSplit(Map<String, String> strata) {
        return Splitter.trainValTest(strata, 0.6, 0.2, 0.2, 0);
    }

    @Test
    void componentSizesPerBinAgreeWithScipy() throws Exception {
        JsonNode scipy = fixture("phantom_lesions_v2_bins.json");
        assertEquals(40, scipy.size());
        for (PhantomCase c : cases) {
            int[] want = new int[EDGES.length + 1];
            for (int b = 0; b < want.length; b++) {
                want[b] = scipy.get(c.id()).get(b).asInt();
            }
            assertArrayEquals(want, binsOf(c), c.id());
        }
    }

    /** Issue 14's bars: at least 50 lesions under 3 mm and 30 of 3-6 mm in the test split; we keep a margin (60, 40) and 6-12 mm ones. */
    @Test
    void testSplitHoldsEnoughLesionsPerSizeBin() throws Exception {
        Map<String, String> strata = new LinkedHashMap<>();
        cases.forEach(c -> strata.put(c.id(), c.stratum()));
        Splits split = sweepSplit(strata);
        assertEquals(8, split.test().size());
        int[] test = sum(fixture("phantom_lesions_v2_bins.json"), split.test());
        assertTrue(test[0] >= 60 && test[1] >= 40 && test[2] >= 5, "test split lesions per bin " + Arrays.toString(test));
        assertEquals(0, test[3] + test[4], Arrays.toString(test));
    }

    /** Version 1's test split, the counts issue 14 reported (13 under 3 mm, 7 of 3-6 mm, 4 of 6-12 mm), from scipy's labelling. */
    @Test
    void version1TestSplitHadTheCountsTheIssueReported() throws Exception {
        JsonNode v1 = fixture("phantom_lesions_v1_bins.json");
        Map<String, String> strata = new LinkedHashMap<>();
        v1.fieldNames().forEachRemaining(id -> { // version 1's stratum is lesions=K, K its component count (check_phantom.py)
            int k = 0;
            for (JsonNode n : v1.get(id)) {
                k += n.asInt();
            }
            strata.put(id, "lesions=" + k);
        });
        assertArrayEquals(new int[] {13, 7, 4, 0, 0}, sum(v1, sweepSplit(strata).test()));
    }

    @Test
    void lesionCountsFollowTheScheduleWithFourLesionFreeCases() {
        int[] perCount = new int[31];
        for (int i = 0; i < cases.size(); i++) {
            PhantomCase c = cases.get(i);
            int n = c.lesions().size();
            assertEquals(Phantoms.LESIONS.lesionCount(Phantoms.DEFAULT_SEED, i), n, c.id() + ": every scheduled lesion is placed");
            assertEquals("lesions=" + n, c.stratum());
            assertTrue(n == 0 || (n >= 12 && n <= 30), c.id() + " " + n);
            perCount[n]++;
        }
        assertEquals(4, perCount[0], Arrays.toString(perCount));
        for (int k = 12; k <= 30; k++) {
            assertTrue(perCount[k] >= 1 && perCount[k] <= 2, k + ": " + Arrays.toString(perCount)); // 36 cases dealt over 19 counts
        }
    }

    /** Each lesion is its own 26-connected component (the 2-voxel gap) with the voxel count the list gives. */
    @Test
    void lesionListMatchesConnectedComponentsOfTheLabelMap() {
        for (PhantomCase c : cases) {
            List<Components.Component> comps = Components.of(c.label(), 3);
            assertEquals(c.lesions().size(), comps.size(), c.id());
            List<Integer> listed = new ArrayList<>(c.lesions().stream().map(Lesion::voxels).sorted().toList());
            List<Integer> found = new ArrayList<>(comps.stream().map(Components.Component::voxels).sorted().toList());
            assertEquals(listed, found, c.id());
        }
    }

    /** Sizes stay in their classes (2-3, 3-6, 6-9 mm equivalent diameter) and the class shares follow the weights 0.52 / 0.40 / 0.08. */
    @Test
    void lesionSizesStayInTheirClassesWithTheWeightedShares() {
        int[] perClass = new int[3];
        int total = 0;
        for (PhantomCase c : cases) {
            for (Lesion l : c.lesions()) {
                double d = Math.cbrt(6 * l.volumeMm3() / Math.PI);
                assertTrue(d >= 2 && d < 9, c.id() + " lesion " + l.id() + " diameter " + d);
                perClass[d < 3 ? 0 : d < 6 ? 1 : 2]++;
                total++;
                // the nominal radius lies in the class the painted size fell into: [d_min / 2, d_max / 2)
                double[] lo = {1, 1.5, 3};
                double[] hi = {1.5, 3, 4.5};
                int k = d < 3 ? 0 : d < 6 ? 1 : 2;
                assertTrue(l.radiusMm() >= lo[k] && l.radiusMm() < hi[k], c.id() + " lesion " + l.id() + " radius " + l.radiusMm());
            }
        }
        double[] weight = {0.52, 0.40, 0.08};
        for (int k = 0; k < 3; k++) {
            double p = (double) perClass[k] / total;
            double sd = Math.sqrt(weight[k] * (1 - weight[k]) / total);
            assertEquals(weight[k], p, 4 * sd, "class " + k + " share, " + Arrays.toString(perClass));
        }
    }

    @Test
    void classFractionsFallInTheStatedRanges() {
        double n = 64 * 64 * 64;
        for (PhantomCase c : cases) {
            SortedMap<Integer, Long> h = c.label().histogram();
            double organ = h.getOrDefault(1, 0L) / n;
            double vessel = h.getOrDefault(2, 0L) / n;
            double lesion = h.getOrDefault(3, 0L) / n;
            assertTrue(organ >= 0.10 && organ <= 0.20, c.id() + " organ " + organ);
            assertTrue(vessel > 0 && vessel < 0.005, c.id() + " vessel " + vessel);
            assertTrue(lesion < 0.01, c.id() + " lesions " + lesion);
        }
    }

    /** Lesions sit inside the organ: every lesion voxel's 6-neighbours are organ or lesion. */
    @Test
    void lesionsAreEmbeddedInTheOrgan() {
        for (PhantomCase c : cases) {
            assertEquals(0, LesionPhantomTest.lesionVoxelsTouchingOtherTissue(c), c.id());
        }
    }
}
