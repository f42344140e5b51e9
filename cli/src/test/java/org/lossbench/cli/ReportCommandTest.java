package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report.html} end to end: a tiny real sweep (phantom-tiny, vnet-tiny trained 3 steps, 2 losses,
 * 1 seed) writes it with the cells' {@code overlays.json}, and {@code lossbench report DIR} writes the
 * same bytes again from the folder.
 */
class ReportCommandTest {
    static final String[] SWEEP = {"sweep", "--name", "r", "--train", "--datasets", "phantom-tiny", "--models", "vnet-tiny",
        "--losses", "dice;dice+ce", "--seeds", "0", "--steps", "3", "--patch", "16", "--device", "cpu", "--threads", "1"};

    @TempDir
    static Path tmp;
    static Path dir;
    static CliRun sweep;

    @BeforeAll
    static void runSweep() {
        List<String> a = new ArrayList<>(List.of(SWEEP));
        a.addAll(List.of("--out", tmp.toString()));
        sweep = CliRun.of(a.toArray(String[]::new));
        dir = tmp.resolve("r");
    }

    /** The report without its timing figure, the one part that changes from run to run (what resumption tests compare). */
    static String withoutTimings(String html) {
        return html.replaceAll("(?s)<section class=\"figure timing\".*?</section>\n", "");
    }

    @Test
    void theSweepWritesAWellFormedReportWithEveryFigure() throws Exception {
        assertEquals(0, sweep.exitCode(), sweep.err());
        String html = Files.readString(dir.resolve("report.html"));
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        // phantom-tiny has classes 1 and 2; its test case has reference lesions of both
        for (String id : List.of("dice-g0-c1", "dice-g0-c2", "recall-g0-c1", "recall-g0-c2", "timing-g0", "overlay-g0-0", "overlay-g0-1",
                "overlay-g0-2")) {
            assertTrue(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + id + "\""), id);
        }
        assertTrue(html.contains("<h1>Sweep r</h1>"));
        assertTrue(!withoutTimings(html).contains("timing-g0") && withoutTimings(html).contains("overlay-g0-0"));
    }

    @Test
    void overlaysHoldTheSmallestReferenceLesionsOfEveryCell() throws IOException {
        List<Path> cells;
        try (Stream<Path> s = Files.list(dir.resolve("cells"))) {
            cells = s.sorted().toList();
        }
        assertEquals(2, cells.size());
        ObjectMapper om = new ObjectMapper();
        List<JsonNode> files = new ArrayList<>();
        for (Path c : cells) {
            JsonNode f = om.readTree(c.resolve("overlays.json").toFile());
            files.add(f);
            // the three smallest reference lesions of the cell's lesions.csv, by (voxels, case, class, id)
            List<String[]> refs = new ArrayList<>();
            List<String> lines = Files.readAllLines(c.resolve("lesions.csv"));
            List<String> header = List.of(lines.get(0).split(","));
            for (String l : lines.subList(1, lines.size())) {
                String[] v = l.replaceAll("\"\\[([^,]*),([^)]*)\\)\"", "[$1;$2)").split(",", -1);
                if (v[header.indexOf("source")].equals("ref")) {
                    refs.add(v);
                }
            }
            refs.sort(Comparator.<String[]>comparingLong(v -> Long.parseLong(v[header.indexOf("voxels")]))
                    .thenComparing(v -> v[header.indexOf("case")]).thenComparingInt(v -> Integer.parseInt(v[header.indexOf("label")]))
                    .thenComparingInt(v -> Integer.parseInt(v[header.indexOf("id")])));
            JsonNode o = f.get("overlays");
            assertEquals(Math.min(3, refs.size()), o.size());
            for (int i = 0; i < o.size(); i++) {
                String[] r = refs.get(i);
                assertEquals(r[header.indexOf("case")], o.get(i).get("case_id").asText());
                assertEquals(Integer.parseInt(r[header.indexOf("label")]), o.get(i).get("label").asInt());
                assertEquals(Integer.parseInt(r[header.indexOf("id")]), o.get(i).get("lesion_id").asInt());
                assertEquals(Long.parseLong(r[header.indexOf("voxels")]), o.get(i).get("voxels").asLong());
                assertEquals(!r[header.indexOf("matched_id")].isEmpty(), o.get(i).get("detected").asBoolean());
                // the slice is the rounded centroid k, inside the lesion's k range
                assertEquals(Math.round(Double.parseDouble(r[header.indexOf("centroid_k")])), o.get(i).get("slice").asLong());
            }
        }
        // every cell shows the same lesions: same crops, images and reference masks (predictions are the cells' own)
        for (int i = 0; i < files.get(0).get("overlays").size(); i++) {
            JsonNode a = files.get(0).get("overlays").get(i);
            JsonNode b = files.get(1).get("overlays").get(i);
            for (String k : List.of("case_id", "label", "lesion_id", "slice", "y0", "x0", "height", "width", "window", "image_u8",
                    "reference_rle")) {
                assertEquals(a.get(k), b.get(k), k);
            }
        }
    }

    @Test
    void reportCommandWritesTheSameBytesAgain() throws IOException {
        byte[] written = Files.readAllBytes(dir.resolve("report.html"));
        Path other = tmp.resolve("again.html");
        CliRun r = CliRun.of("report", dir.toString(), "--out", other.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(other + System.lineSeparator(), r.out());
        assertArrayEquals(written, Files.readAllBytes(other));
        Files.delete(dir.resolve("report.html"));
        CliRun inPlace = CliRun.of("report", dir.toString());
        assertEquals(0, inPlace.exitCode(), inPlace.err());
        assertArrayEquals(written, Files.readAllBytes(dir.resolve("report.html")));
    }

    @Test
    void aFolderWithoutSweepOutputsIsBadInput() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("nothing"));
        CliRun r = CliRun.of("report", empty.toString());
        assertEquals(3, r.exitCode());
        assertTrue(r.err().contains("lacks manifest.json") && r.err().contains("lossbench merge"), r.err());
    }

    @Test
    void timingSectionIsTheOnlyRunDependentPart() {
        String a = "x<section class=\"figure timing\" id=\"fig-timing-g0\">\n<h3>t</h3>\n1.5</section>\ny";
        String b = "x<section class=\"figure timing\" id=\"fig-timing-g0\">\n<h3>t</h3>\n2.5</section>\ny";
        assertEquals(withoutTimings(a), withoutTimings(b));
        assertEquals("xy", withoutTimings(a));
    }
}
