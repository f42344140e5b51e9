package org.lossbench.core.io.nifti;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lossbench.core.testing.SharedData;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;

/**
 * The real label maps of {@code ../shared/realdata} read by lossbench agree with nibabel: shape,
 * spacing, affine, datatype and the full label histogram. Expected values were produced by
 * {@code tools/nifti_reference.py} (nibabel 5.0) and committed as {@code realdata-nibabel.json}.
 */
class NiftiRealDataTest {

    static Stream<JsonNode> expectations() throws IOException {
        try (InputStream in = NiftiRealDataTest.class.getResourceAsStream("realdata-nibabel.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            return StreamSupport.stream(root.spliterator(), false).toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void agreesWithNibabel(JsonNode expected) {
        Path file = SharedData.realdataOrSkip().resolve(expected.get("file").asText());

        NiftiHeader header = NiftiReader.readHeader(file);
        assertEquals(expected.get("dtype").asText(), header.datatype().label());
        assertEquals(expected.get("qform_code").asInt(), header.orientation().qformCode());
        assertEquals(expected.get("sform_code").asInt(), header.orientation().sformCode());

        LabelMap labels = NiftiReader.readLabels(file);
        Grid grid = labels.grid();
        JsonNode shape = expected.get("shape_xyz");
        assertArrayEquals(new int[] {shape.get(2).asInt(), shape.get(1).asInt(), shape.get(0).asInt()}, grid.shape());
        JsonNode zooms = expected.get("zooms_xyz");
        assertArrayEquals(new double[] {zooms.get(2).asDouble(), zooms.get(1).asDouble(), zooms.get(0).asDouble()},
                grid.spacing(), 0.0, "spacing (sz, sy, sx) equals nibabel's zooms reversed, bit for bit");
        double[][] affine = grid.affine().toMatrix();
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(expected.get("affine").get(r).get(c).asDouble(), affine[r][c], 1e-9, "affine[" + r + "][" + c + "]");
            }
        }

        SortedMap<Integer, Long> expectedHistogram = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : expected.get("histogram").properties()) {
            expectedHistogram.put(Integer.parseInt(e.getKey()), e.getValue().asLong());
        }
        assertEquals(expectedHistogram, labels.histogram());
    }
}
