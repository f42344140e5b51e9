package org.lossbench.core.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lossbench.core.volume.Affine;
import org.lossbench.core.volume.ImageVolume;

/**
 * Files written by nibabel 5.0 ({@code tools/nifti_fixtures.py}): every datatype, both byte
 * orders, NIfTI-1 and NIfTI-2, scaling, 4D, an oblique left-handed affine. lossbench must read the
 * values, shape, spacing, affine and qform that nibabel reports, and a file lossbench writes from
 * them must decode to the same header transforms and values again.
 */
class NiftiNibabelFixturesTest {
    private static final String DIR = "nibabel/";

    static Stream<JsonNode> fixtures() throws IOException {
        try (InputStream in = NiftiNibabelFixturesTest.class.getResourceAsStream(DIR + "expected.json")) {
            return StreamSupport.stream(new ObjectMapper().readTree(in).spliterator(), false).toList().stream();
        }
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(NiftiNibabelFixturesTest.class.getResource(DIR + name).toURI());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void readsWhatNibabelWrote(JsonNode expected, @TempDir Path tmp) throws Exception {
        Path file = fixture(expected.get("file").asText());
        NiftiHeader header = NiftiReader.readHeader(file);
        assertEquals(expected.get("datatype").asText(), header.datatype().label());
        assertEquals(expected.get("big_endian").asBoolean() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, header.byteOrder());
        assertEquals(expected.get("version").asInt(), header.version());

        ImageVolume image = NiftiReader.readImage(file);
        JsonNode shape = expected.get("shape_cdhw");
        assertEquals(shape.get(0).asInt(), image.channels());
        assertArrayEquals(new int[] {shape.get(1).asInt(), shape.get(2).asInt(), shape.get(3).asInt()}, image.grid().shape());
        JsonNode spacing = expected.get("spacing_zyx");
        assertArrayEquals(new double[] {spacing.get(0).asDouble(), spacing.get(1).asDouble(), spacing.get(2).asDouble()},
                image.grid().spacing(), 0.0);
        assertMatrix(expected.get("affine"), image.grid().affine(), 1e-9);
        Affine qform = header.orientation().qformAffine(image.grid().spacingX(), image.grid().spacingY(), image.grid().spacingZ());
        assertMatrix(expected.get("qform"), qform, 1e-6);

        JsonNode values = expected.get("values");
        float[] data = image.data();
        assertEquals(values.size(), data.length);
        for (int i = 0; i < data.length; i++) {
            assertEquals((float) values.get(i).asDouble(), data[i], "voxel " + i);
        }

        // write it back as float32: same transforms, same values
        Path copy = tmp.resolve("copy.nii.gz");
        NiftiWriter.write(copy, image, NiftiWriter.Options.defaults().withByteOrder(header.byteOrder()));
        ImageVolume again = NiftiReader.readImage(copy);
        assertArrayEquals(data, again.data());
        assertMatrix(expected.get("affine"), again.grid().affine(), 1e-9);
        NiftiHeader copyHeader = NiftiReader.readHeader(copy);
        assertEquals(header.orientation(), copyHeader.orientation(), "qform and sform are written as they were read");

        // and in the file's own datatype, NIfTI version, byte order and scaling: the same header fields and values;
        // only where float32 holds nibabel's values exactly (the int32 and uint32 fixtures reach 2^31 - 1 and beyond,
        // which float32 image data rounds to 2^31, outside int32: writing that back is refused, as it should be)
        boolean exactInFloat = true;
        for (JsonNode v : values) {
            exactInFloat &= (double) (float) v.asDouble() == v.asDouble();
        }
        if (!exactInFloat) {
            return;
        }
        NiftiWriter.Options own = NiftiWriter.Options.defaults().withDatatype(header.datatype()).withVersion(header.version())
                .withByteOrder(header.byteOrder());
        if (header.hasScaling()) {
            own = own.withScaling(header.sclSlope(), header.sclInter());
        }
        Path same = tmp.resolve("same" + (expected.get("file").asText().endsWith(".gz") ? ".nii.gz" : ".nii"));
        NiftiWriter.write(same, image, own);
        NiftiHeader sameHeader = NiftiReader.readHeader(same);
        assertEquals(expected.get("datatype").asText(), sameHeader.datatype().label());
        assertEquals(expected.get("version").asInt(), sameHeader.version());
        assertEquals(header.byteOrder(), sameHeader.byteOrder());
        assertEquals(header.orientation(), sameHeader.orientation());
        assertArrayEquals(data, NiftiReader.readImage(same).data(), "values through the original datatype");
    }

    private static void assertMatrix(JsonNode expected, Affine actual, double tolerance) {
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(expected.get(r).get(c).asDouble(), actual.get(r, c), tolerance, "[" + r + "][" + c + "]");
            }
        }
    }
}
