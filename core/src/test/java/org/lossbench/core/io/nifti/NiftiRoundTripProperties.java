package org.lossbench.core.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.lossbench.core.volume.Affine;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

/** Write-then-read round trips over every datatype, both byte orders, both versions, with and without gzip. */
class NiftiRoundTripProperties {
    private static Path dir;

    @BeforeContainer
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("nifti-roundtrip");
    }

    @AfterContainer
    static void deleteDir() throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<ByteOrder> orders() {
        return Arbitraries.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN);
    }

    @Provide
    Arbitrary<NiftiDatatype> integerTypes() {
        return Arbitraries.of(NiftiDatatype.UINT8, NiftiDatatype.INT8, NiftiDatatype.INT16, NiftiDatatype.UINT16,
                NiftiDatatype.INT32, NiftiDatatype.UINT32);
    }

    @Provide
    Arbitrary<String> suffixes() {
        return Arbitraries.of(".nii", ".nii.gz");
    }

    private static long lo(NiftiDatatype t) {
        return switch (t) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case INT32 -> Integer.MIN_VALUE;
            default -> 0;
        };
    }

    private static long hi(NiftiDatatype t) {
        return switch (t) {
            case UINT8 -> 255;
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case UINT16 -> 65535;
            // a label map holds ints: uint32 values above 2^31-1 are refused on reading (tested elsewhere)
            case INT32, UINT32 -> Integer.MAX_VALUE;
            default -> throw new AssertionError(t);
        };
    }

    private static Grid randomGrid(Random random, int d, int h, int w) {
        double angle = random.nextDouble() * Math.PI;
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double sx = 0.5 + random.nextDouble();
        double sy = 0.5 + random.nextDouble();
        double sz = 1 + 3 * random.nextDouble();
        // a rotation about z plus an offset: exactly representable as a qform
        Affine a = Affine.of(c * sx, -s * sy, 0, random.nextInt(200) - 100,
                s * sx, c * sy, 0, random.nextInt(200) - 100,
                0, 0, sz, random.nextInt(200) - 100,
                0, 0, 0, 1);
        return Grid.fromAffine(d, h, w, a);
    }

    @Property(tries = 60)
    void labelMapsSurviveEveryIntegerType(@ForAll("integerTypes") NiftiDatatype type, @ForAll("orders") ByteOrder order,
                                          @ForAll("suffixes") String suffix, @ForAll boolean nifti2,
                                          @ForAll long seed) {
        Random random = new Random(seed);
        Grid grid = randomGrid(random, 1 + random.nextInt(5), 1 + random.nextInt(6), 1 + random.nextInt(7));
        int[] values = new int[grid.voxelCount()];
        long lo = lo(type);
        long hi = hi(type);
        for (int i = 0; i < values.length; i++) {
            // the extremes of the type's range, and random values between
            values[i] = (int) (i == 0 ? lo : i == 1 ? hi : lo + (long) (random.nextDouble() * (hi - lo)));
        }
        LabelMap map = LabelMap.of(grid, values);
        Path file = dir.resolve("labels-" + seed + suffix);
        NiftiWriter.write(file, map, NiftiWriter.Options.defaults().withDatatype(type).withByteOrder(order)
                .withVersion(nifti2 ? 2 : 1));

        NiftiHeader header = NiftiReader.readHeader(file);
        assertEquals(type, header.datatype());
        assertEquals(order, header.byteOrder());
        assertEquals(nifti2 ? 2 : 1, header.version());
        LabelMap back = NiftiReader.readLabels(file);
        assertArrayEquals(values, back.toIntArray());
        assertEquals(LabelMap.Storage.narrowest(back.min(), back.max()), back.storage());
        assertGridEquals(grid, back.grid(), nifti2);
    }

    @Property(tries = 40)
    void floatImagesSurvive(@ForAll("orders") ByteOrder order, @ForAll("suffixes") String suffix, @ForAll boolean nifti2,
                            @ForAll boolean float64, @ForAll long seed) {
        Random random = new Random(seed);
        Grid grid = randomGrid(random, 1 + random.nextInt(4), 1 + random.nextInt(5), 1 + random.nextInt(6));
        int channels = 1 + random.nextInt(3);
        float[] data = new float[channels * grid.voxelCount()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10));
        }
        data[0] = Float.NaN;
        if (data.length > 1) {
            data[1] = Float.NEGATIVE_INFINITY;
        }
        ImageVolume image = new ImageVolume(grid, channels, data);
        Path file = dir.resolve("image-" + seed + suffix);
        NiftiWriter.write(file, image, NiftiWriter.Options.defaults()
                .withDatatype(float64 ? NiftiDatatype.FLOAT64 : NiftiDatatype.FLOAT32)
                .withByteOrder(order).withVersion(nifti2 ? 2 : 1));

        ImageVolume back = NiftiReader.readImage(file);
        assertEquals(channels, back.channels());
        assertArrayEquals(data, back.data());
        assertGridEquals(grid, back.grid(), nifti2);
    }

    @Property(tries = 30)
    void scalingIsAppliedOnReadAndInvertedOnWrite(@ForAll("orders") ByteOrder order, @ForAll long seed) {
        Random random = new Random(seed);
        Grid grid = Grid.of(2, 3, 4, 2.5, 0.75, 0.75);
        double slope = 0.25 * (1 + random.nextInt(8));
        double inter = random.nextInt(2001) - 1000;
        float[] data = new float[grid.voxelCount()];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (inter + slope * (random.nextInt(65536) - 32768)); // exactly representable as int16
        }
        Path file = dir.resolve("scaled-" + seed + ".nii.gz");
        NiftiWriter.write(file, new ImageVolume(grid, 1, data), NiftiWriter.Options.defaults()
                .withDatatype(NiftiDatatype.INT16).withByteOrder(order).withScaling(slope, inter));
        NiftiHeader header = NiftiReader.readHeader(file);
        assertEquals(slope, header.sclSlope());
        assertEquals(inter, header.sclInter());
        assertArrayEquals(data, NiftiReader.readImage(file).data());
    }

    private static void assertGridEquals(Grid expected, Grid actual, boolean nifti2) {
        assertArrayEquals(expected.shape(), actual.shape());
        // NIfTI-1 stores float32: compare at float precision; NIfTI-2 stores float64 exactly
        double tol = nifti2 ? 0 : 1e-4;
        assertArrayEquals(expected.spacing(), actual.spacing(), nifti2 ? 0 : 1e-6);
        double[] e = expected.affine().toArray();
        double[] a = actual.affine().toArray();
        assertArrayEquals(e, a, tol);
        Affine qform = actual.orientation().qformAffine(actual.spacingX(), actual.spacingY(), actual.spacingZ());
        assertArrayEquals(e, qform.toArray(), 1e-4, "qform and sform describe the same transform");
    }
}
