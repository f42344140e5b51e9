package org.lossbench.eval.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.io.Json;

/**
 * The committed results (written by the code before these records existed: {@code results/default/}, the published
 * sweep, and {@code results/ci-smoke/baseline/}) read into the documents' records and written back byte for byte:
 * field names and order, number text, {@code nan} strings and omitted nulls are all the records'. The values read are
 * checked against the files' JSON trees, read without the records.
 */
class PublishedDocumentsTest {
    static final Path RESULTS = Path.of(System.getProperty("lossbench.root", "..")).resolve("results");
    static final Path DEFAULT = RESULTS.resolve("default");
    static final Path SMOKE = RESULTS.resolve("ci-smoke/baseline");

    @TempDir
    Path tmp;

    @Test
    void summaryJsonRoundTripsByteForByte() throws IOException {
        for (Path dir : List.of(DEFAULT, SMOKE)) {
            SummaryFile s = SummaryFile.read(dir);
            Path out = Files.createDirectories(tmp.resolve(dir.getFileName()));
            s.write(out);
            assertEquals(Files.readString(dir.resolve(SweepLayout.SUMMARY_JSON)), Files.readString(out.resolve(SweepLayout.SUMMARY_JSON)),
                    dir.toString());
        }
    }

    /** The values behind the bytes: a finite number, a {@code nan} string, a per-seed map and the class names, as the tree has them. */
    @Test
    void summaryJsonValuesAreTheFilesValues() throws IOException {
        JsonNode tree = tree(DEFAULT.resolve(SweepLayout.SUMMARY_JSON));
        SummaryFile s = SummaryFile.read(DEFAULT);
        assertEquals(tree.get("cells").asInt(), s.cells());
        JsonNode g = tree.get("groups").get(0);
        SummaryFile.Group group = s.groups().get(0);
        assertEquals(g.get("label_names").get("1").asText(), group.labelNames().get(1));
        JsonNode m = g.get("losses").get(0).get("metrics").get(0);
        assertEquals(m.get("mean").asDouble(), group.losses().get(0).metrics().get(0).mean());
        assertEquals(m.get("metric").asText(), group.losses().get(0).metrics().get(0).metric());
        JsonNode dice = g.get("losses").get(0).get("classes").get(0).get("dice");
        SummaryFile.SeedDice d = group.losses().get(0).classes().get(0).dice();
        assertEquals(dice.get("sd_over_seeds").asDouble(), d.sdOverSeeds());
        assertEquals(dice.get("per_seed").get("0").asDouble(), d.perSeed().get(0L));
        // the reference loss's shift from itself is undefined, written "nan": the first detection row of a group with lesions
        int withLesions = 0;
        while (s.groups().get(withLesions).lesionDetection().isEmpty()) {
            withLesions++;
        }
        JsonNode reference = tree.get("groups").get(withLesions).get("lesion_detection").get(0);
        assertEquals(tree.get("reference_loss").asText(), reference.get("loss").asText());
        assertEquals("nan", reference.get("shift").asText());
        assertTrue(Double.isNaN(s.groups().get(withLesions).lesionDetection().get(0).shift()));
        JsonNode row = g.get("comparison").get("rows").get(0);
        SummaryFile.ComparisonRow r = group.comparison().rows().get(0);
        assertEquals(row.get("p_holm").asDouble(), r.pHolm());
        assertEquals(row.get("verdict").asText(), r.verdict());
        assertEquals(g.get("ranks").get(0).get("losses").get(0).get("rank_counts").size(), group.ranks().get(0).losses().get(0).rankCounts().size());
    }

    @Test
    void timingsJsonRoundTripsByteForByte() throws IOException {
        List<Path> cells = cellDirs();
        assertFalse(cells.isEmpty());
        for (Path cell : cells) {
            CellTimings t = CellTimings.read(cell);
            JsonNode tree = tree(cell.resolve(SweepLayout.TIMINGS_JSON));
            assertEquals(tree.get("key").asText(), t.key());
            assertEquals(tree.get("seconds").get("total_s").asDouble(), t.seconds().get("total_s"));
            assertEquals(tree.get("cases").get(0).get("inference_s").asDouble(), t.cases().get(0).inferenceS());
            assertEquals(tree.get("cases").get(0).get("case").asText(), t.cases().get(0).caseId());
            Path out = Files.createDirectories(tmp.resolve(cell.getFileName()));
            t.write(out);
            assertEquals(Files.readString(cell.resolve(SweepLayout.TIMINGS_JSON)), Files.readString(out.resolve(SweepLayout.TIMINGS_JSON)),
                    cell.toString());
        }
    }

    /** The other documents of the published sweep, likewise. */
    @Test
    void planManifestAndCellDocumentsRoundTripByteForByte() throws IOException {
        PlanFile.read(DEFAULT).write(tmp);
        ManifestFile.read(DEFAULT).write(tmp);
        for (String f : List.of(SweepLayout.PLAN, SweepLayout.MANIFEST)) {
            assertEquals(Files.readString(DEFAULT.resolve(f)), Files.readString(tmp.resolve(f)), f);
        }
        ManifestFile.read(SMOKE).write(tmp);
        assertEquals(Files.readString(SMOKE.resolve(SweepLayout.MANIFEST)), Files.readString(tmp.resolve(SweepLayout.MANIFEST)));
        for (Path cell : cellDirs()) {
            Path out = Files.createDirectories(tmp.resolve(cell.getFileName()));
            CellDocument.read(cell).write(out);
            assertEquals(Files.readString(cell.resolve(SweepLayout.CELL)), Files.readString(out.resolve(SweepLayout.CELL)), cell.toString());
        }
    }

    private static List<Path> cellDirs() throws IOException {
        try (Stream<Path> s = Files.list(DEFAULT.resolve(SweepLayout.CELLS))) {
            return new ArrayList<>(s.sorted().toList());
        }
    }

    private static JsonNode tree(Path file) throws IOException {
        return Json.mapper().readTree(Files.readString(file));
    }
}
