package org.lossbench.datasets.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lossbench.core.BadInputException;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.datasets.augment.Augmentation;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.datasets.phantom.PhantomCase;
import org.lossbench.datasets.phantom.Phantoms;

class PatchSamplerTest {
    static List<LoadedCase> tiny() {
        List<LoadedCase> out = new ArrayList<>();
        for (int i = 0; i < Phantoms.TINY.caseCount(); i++) {
            PhantomCase c = Phantoms.TINY.generate(1, i);
            out.add(new LoadedCase(c.id(), c.image(), c.label()));
        }
        return out;
    }

    @Test
    void batchesHaveTheContractLayoutsAndCutTheRightVoxels() {
        List<LoadedCase> cases = tiny();
        PatchSampler s = new PatchSampler(cases, new int[] {16, 16, 16}, 4, 0.5, null, 7);
        Batch b = s.batch(0);
        assertArrayEquals(new int[] {4, 1, 16, 16, 16}, b.shape());
        assertEquals(4 * 16 * 16 * 16, b.images().length);
        assertEquals(4 * 16 * 16 * 16, b.labels().length);
        assertArrayEquals(new boolean[] {false, false, true, true}, b.foreground());
        // without augmentation every patch is a window of its case: find it and compare voxel for voxel
        for (int j = 0; j < 4; j++) {
            String id = b.caseIds()[j];
            LoadedCase c = cases.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            assertTrue(isWindow(c, b, j), "patch " + j + " is a window of " + c.id());
        }
    }

    private static boolean isWindow(LoadedCase c, Batch b, int j) {
        int pv = 16 * 16 * 16;
        for (int z0 = 0; z0 <= 16; z0++) {
            for (int y0 = 0; y0 <= 16; y0++) {
                search:
                for (int x0 = 0; x0 <= 16; x0++) {
                    for (int z = 0; z < 16; z++) {
                        for (int y = 0; y < 16; y++) {
                            for (int x = 0; x < 16; x++) {
                                int i = (z * 16 + y) * 16 + x;
                                if (b.images()[j * pv + i] != c.image().get(0, z0 + z, y0 + y, x0 + x)
                                        || b.labels()[j * pv + i] != c.label().get(z0 + z, y0 + y, x0 + x)) {
                                    continue search;
                                }
                            }
                        }
                    }
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void foregroundOversamplingShowsTheRareClass() {
        PatchSampler s = new PatchSampler(tiny(), new int[] {12, 12, 12}, 4, 0.5, null, 3);
        int forcedWithLesion = 0;
        int forced = 0;
        int randomWithLesion = 0;
        int random = 0;
        for (int b = 0; b < 100; b++) {
            Batch batch = s.batch(b);
            int pv = 12 * 12 * 12;
            for (int j = 0; j < 4; j++) {
                boolean lesion = false;
                boolean anyForeground = false;
                for (int i = j * pv; i < (j + 1) * pv; i++) {
                    lesion |= batch.labels()[i] == 2;
                    anyForeground |= batch.labels()[i] > 0;
                }
                if (batch.foreground()[j]) {
                    forced++;
                    forcedWithLesion += lesion ? 1 : 0;
                    assertTrue(anyForeground, "forced patch without foreground");
                } else {
                    random++;
                    randomWithLesion += lesion ? 1 : 0;
                }
            }
        }
        // the class is chosen uniformly from {organ, lesion}: about half the forced patches hold a lesion
        assertTrue(forcedWithLesion >= 0.35 * forced, forcedWithLesion + " of " + forced);
        assertTrue(randomWithLesion < forcedWithLesion, randomWithLesion + " of " + random + " random patches");
    }

    /**
     * The wait for a batch is counted: taken at once, the first batch is still being built (it takes
     * milliseconds), so the wait is positive and no longer than the call; a consumer slower than the
     * builders finds the next batches ready, so the total hardly grows.
     */
    @Test
    void prefetchingCountsTheTimeSpentWaiting() throws Exception {
        List<LoadedCase> cases = tiny();
        PatchSampler s = new PatchSampler(cases, new int[] {16, 16, 16}, 2, 0.33, Augmentation.standard(List.of(cases.get(0).image())), 3);
        try (PrefetchingBatches it = new PrefetchingBatches(s, 0, 3, 1, 3)) {
            long t0 = System.nanoTime();
            it.next();
            double call = (System.nanoTime() - t0) / 1e9;
            double first = it.waitedSeconds();
            assertTrue(first > 0 && first <= call, first + " s waited in a call of " + call + " s");
            Thread.sleep(2000); // ample time for a 2 x 16^3 batch on a loaded machine
            it.next();
            it.next();
            assertTrue(it.waitedSeconds() - first < 0.05, "the ready batches cost no wait: " + (it.waitedSeconds() - first) + " s");
        }
    }

    /** Prefetching on several threads yields exactly the sequential batches, in order. */
    @Test
    void prefetchingIsDeterministicRegardlessOfThreads() {
        List<LoadedCase> cases = tiny();
        Augmentation aug = Augmentation.standard(List.of(cases.get(0).image()));
        PatchSampler s = new PatchSampler(cases, new int[] {16, 16, 16}, 2, 0.33, aug, 11);
        List<Batch> sequential = new ArrayList<>();
        for (int b = 5; b < 17; b++) {
            sequential.add(s.batch(b));
        }
        for (int threads : new int[] {1, 3}) {
            try (PrefetchingBatches it = new PrefetchingBatches(s, 5, 12, threads, 4)) {
                int k = 0;
                while (it.hasNext()) {
                    Batch got = it.next();
                    Batch want = sequential.get(k++);
                    assertEquals(want.index(), got.index());
                    assertArrayEquals(want.images(), got.images());
                    assertArrayEquals(want.labels(), got.labels());
                    assertArrayEquals(want.caseIds(), got.caseIds());
                }
                assertEquals(12, k);
            }
        }
    }

    /**
     * A 40-slice patch of a 32-slice case starts at a depth in [-8, 0]: its 32 slices inside the
     * volume are the case's voxels (at some y, x window), the 8 outside are padding, 0 in the image
     * and background in the labels.
     */
    @Test
    void patchesLargerThanTheVolumeArePaddedWithZerosAndBackground() {
        List<LoadedCase> cases = tiny();
        PatchSampler s = new PatchSampler(cases, new int[] {40, 8, 8}, 2, 1.0, null, 1);
        Batch b = s.batch(0);
        assertArrayEquals(new int[] {2, 1, 40, 8, 8}, b.shape());
        int pv = 40 * 8 * 8;
        for (int j = 0; j < 2; j++) {
            String id = b.caseIds()[j];
            LoadedCase c = cases.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            int[] at = placement(c, b, j);
            assertNotNull(at, "patch " + j + " holds the 32 slices of " + id + " at some depth start in [-8, 0]");
            int padded = 0;
            for (int z = 0; z < 40; z++) {
                if (at[0] + z >= 0 && at[0] + z < 32) {
                    continue;
                }
                padded++;
                for (int i = z * 64; i < (z + 1) * 64; i++) {
                    assertEquals(0f, b.images()[j * pv + i], "image padding, patch " + j + " slice " + z);
                    assertEquals(0, b.labels()[j * pv + i], "label padding, patch " + j + " slice " + z);
                }
            }
            assertEquals(8, padded, "patch " + j);
        }
    }

    /** The start {z0, y0, x0} (z0 in [-8, 0]) at which patch {@code j}'s in-volume voxels equal the case's, or null. */
    private static int[] placement(LoadedCase c, Batch b, int j) {
        int pv = 40 * 8 * 8;
        for (int z0 = -8; z0 <= 0; z0++) {
            for (int y0 = 0; y0 <= 24; y0++) {
                search:
                for (int x0 = 0; x0 <= 24; x0++) {
                    for (int z = Math.max(0, -z0); z < Math.min(40, 32 - z0); z++) {
                        for (int y = 0; y < 8; y++) {
                            for (int x = 0; x < 8; x++) {
                                int i = (z * 8 + y) * 8 + x;
                                if (b.images()[j * pv + i] != c.image().get(0, z0 + z, y0 + y, x0 + x)
                                        || b.labels()[j * pv + i] != c.label().get(z0 + z, y0 + y, x0 + x)) {
                                    continue search;
                                }
                            }
                        }
                    }
                    return new int[] {z0, y0, x0};
                }
            }
        }
        return null;
    }

    @Test
    void noCasesUnlabelledCasesAndMixedChannelCountsAreBadInput() {
        BadInputException none = assertThrows(BadInputException.class,
                () -> new PatchSampler(List.of(), new int[] {8, 8, 8}, 2, 0.5, null, 1));
        assertTrue(none.getMessage().contains("no training cases"), none.getMessage());
        LoadedCase c = tiny().get(0);
        LoadedCase unlabelled = new LoadedCase("unlabelled", c.image(), null);
        BadInputException noLabel = assertThrows(BadInputException.class,
                () -> new PatchSampler(List.of(c, unlabelled), new int[] {8, 8, 8}, 2, 0.5, null, 1));
        assertTrue(noLabel.getMessage().contains("case 'unlabelled' has no label map"), noLabel.getMessage());
        Grid g = c.image().grid();
        LoadedCase twoChannels = new LoadedCase("two", new ImageVolume(g, 2, new float[2 * g.voxelCount()]), c.label());
        BadInputException channels = assertThrows(BadInputException.class,
                () -> new PatchSampler(List.of(c, twoChannels), new int[] {8, 8, 8}, 2, 0.5, null, 1));
        assertTrue(channels.getMessage().contains("case 'two' has 2 channels, case '" + c.id() + "' has 1"), channels.getMessage());
    }
}
