package org.lossbench.datasets.phantom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhantomDeterminismTest {
    /**
     * Regression anchors: SHA-256 (PhantomHash) of the default-seed datasets. They change only when
     * the generator changes on purpose; then docs/datasets.md and these values are updated together.
     */
    static final String TINY_DEFAULT = "b2a2b1f3ac01812b760abab20e013b13423761ae4802cdbf7b8dbb666dbfbfaf";
    static final String LESIONS_V1_DEFAULT = "bae73acee9825455760a4a36b47fd03167e76d3b9e5f838064c8501f18754632";
    static final String LESIONS_V2_DEFAULT = "ce5c73213e499fbbe9832c69cfb2789223359ee7d1dccd4ce0220afa32d6ebc0";
    static final String MULTIORGAN_DEFAULT = "262e8d78fc0bf9a9d59ca719f19329c3085cb801b470d239632a32abca30ddf7";

    private static List<PhantomCase> sequential(PhantomDataset ds, long seed) {
        List<PhantomCase> out = new ArrayList<>();
        for (int i = ds.caseCount() - 1; i >= 0; i--) { // reverse order: no hidden state between cases
            out.add(0, ds.generate(seed, i));
        }
        return out;
    }

    @Test
    void tinyIsByteIdenticalAcrossGenerationsAndThreadCounts() {
        String a = PhantomHash.ofAll(sequential(Phantoms.TINY, Phantoms.DEFAULT_SEED));
        String b = PhantomHash.ofAll(Phantoms.generateAll(Phantoms.TINY, Phantoms.DEFAULT_SEED, 3, i -> { }));
        assertEquals(a, b);
        assertEquals(TINY_DEFAULT, a);
    }

    /** Version 1 stays the data the zoo v1 results were computed on, byte for byte. */
    @Test
    void lesionsVersion1IsByteIdenticalAcrossGenerationsAndThreadCounts() {
        String a = PhantomHash.ofAll(sequential(Phantoms.LESIONS_V1, Phantoms.DEFAULT_SEED));
        String b = PhantomHash.ofAll(Phantoms.generateAll(Phantoms.LESIONS_V1, Phantoms.DEFAULT_SEED, 2, i -> { }));
        assertEquals(a, b);
        assertEquals(LESIONS_V1_DEFAULT, a);
    }

    @Test
    void lesionsVersion2IsByteIdenticalAcrossGenerationsAndThreadCounts() {
        String a = PhantomHash.ofAll(sequential(Phantoms.LESIONS, Phantoms.DEFAULT_SEED));
        String b = PhantomHash.ofAll(Phantoms.generateAll(Phantoms.LESIONS, Phantoms.DEFAULT_SEED, 3, i -> { }));
        assertEquals(a, b);
        assertEquals(LESIONS_V2_DEFAULT, a);
        assertNotEquals(LESIONS_V1_DEFAULT, a);
    }

    @Test
    void multiorganIsByteIdenticalAcrossGenerations() {
        String a = PhantomHash.ofAll(sequential(Phantoms.MULTIORGAN, Phantoms.DEFAULT_SEED));
        String b = PhantomHash.ofAll(Phantoms.generateAll(Phantoms.MULTIORGAN, Phantoms.DEFAULT_SEED, 2, i -> { }));
        assertEquals(a, b);
        assertEquals(MULTIORGAN_DEFAULT, a);
    }

    @Test
    void publishedReferenceHashesAreTheCommittedOnes() {
        assertEquals(TINY_DEFAULT, Phantoms.referenceHash("phantom-tiny").orElseThrow());
        assertEquals(LESIONS_V2_DEFAULT, Phantoms.referenceHash("phantom-lesions").orElseThrow());
        assertEquals(LESIONS_V2_DEFAULT, Phantoms.referenceHash("phantom-lesions@2").orElseThrow());
        assertEquals(LESIONS_V1_DEFAULT, Phantoms.referenceHash("phantom-lesions@1").orElseThrow());
        assertEquals(MULTIORGAN_DEFAULT, Phantoms.referenceHash("phantom-multiorgan").orElseThrow());
    }

    @Test
    void anotherSeedGivesOtherCases() {
        assertNotEquals(PhantomHash.of(Phantoms.TINY.generate(1, 0)), PhantomHash.of(Phantoms.TINY.generate(2, 0)));
        assertNotEquals(PhantomHash.of(Phantoms.TINY.generate(1, 0)), PhantomHash.of(Phantoms.TINY.generate(1, 1)));
    }
}
