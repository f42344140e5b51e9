package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.io.nifti.NiftiWriter;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;

class EvaluateCommandTest {
    @TempDir
    Path tmp;

    private static LabelMap cube(Grid g, int label, int z0, int z1, int y0, int y1, int x0, int x1) {
        LabelMap m = LabelMap.zeros(g);
        for (int z = z0; z <= z1; z++) {
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    m.set(z, y, x, label);
                }
            }
        }
        return m;
    }

    /**
     * Two cases on a 10^3 grid, spacing (2, 1, 0.5) mm. Case a: class 1 reference cube 2..5,
     * prediction shifted by one voxel along x (Dice 0.75, HD95 0.5 mm, see CaseEvaluatorTest).
     * Case b: class 1 identical (Dice 1, HD95 0), plus class 2 only in the prediction (one voxel):
     * under MONAI's policy Dice NaN, HD95 inf. Class 2 is absent from case a: both-empty row (NaN).
     */
    private void writeCases(Path refDir, Path predDir) {
        Grid g = Grid.of(10, 10, 10, 2.0, 1.0, 0.5);
        NiftiWriter.write(refDir.resolve("a.nii.gz"), cube(g, 1, 2, 5, 2, 5, 2, 5));
        NiftiWriter.write(predDir.resolve("a.nii.gz"), cube(g, 1, 2, 5, 2, 5, 3, 6));
        NiftiWriter.write(refDir.resolve("b.nii.gz"), cube(g, 1, 2, 5, 2, 5, 2, 5));
        LabelMap pb = cube(g, 1, 2, 5, 2, 5, 2, 5);
        pb.set(8, 8, 8, 2);
        NiftiWriter.write(predDir.resolve("b.nii.gz"), pb);
    }

    @Test
    void writesAllTablesAndPrintsTheSummary() throws IOException {
        Path refDir = Files.createDirectories(tmp.resolve("ref"));
        Path predDir = Files.createDirectories(tmp.resolve("pred"));
        writeCases(refDir, predDir);
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("evaluate", "--ref", refDir.toString(), "--pred", predDir.toString(), "--out", out.toString(),
                "--threads", "2");
        assertEquals(0, run.exitCode(), run.err());
        for (String f : List.of("cases.csv", "lesions.csv", "summary.csv", "summary.json", "summary.md")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        assertEquals(Files.readString(out.resolve("summary.md")), run.out());
        List<String> cases = Files.readAllLines(out.resolve("cases.csv"));
        assertEquals(5, cases.size()); // header + 2 cases x 2 classes
        String[] head = cases.get(0).split(",");
        String[] a1 = cases.get(1).split(",");
        assertEquals("a", a1[0]);
        assertEquals("1", a1[1]);
        assertEquals("0.75", a1[List.of(head).indexOf("dice")]);
        assertEquals("0.5", a1[List.of(head).indexOf("hd95_mm")]);
        String[] a2 = cases.get(2).split(",");
        assertEquals("2", a2[1]);
        assertEquals("nan", a2[List.of(head).indexOf("dice")]);
        String[] b2 = cases.get(4).split(",");
        assertEquals("nan", b2[List.of(head).indexOf("dice")]);
        assertEquals("inf", b2[List.of(head).indexOf("hd95_mm")]);
        assertEquals("1", b2[List.of(head).indexOf("lesion_fp")]);
        JsonNode json = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(2, json.get("cases").asInt());
        assertEquals(26, json.get("config").get("connectivity").asInt());
        assertEquals("monai", json.get("config").get("empty").asText());
        assertTrue(json.get("config_sha256").asText().matches("[0-9a-f]{64}"));
        JsonNode dice1 = null;
        for (JsonNode m : json.get("metrics")) {
            if (m.get("label").asInt() == 1 && m.get("metric").asText().equals("dice")) {
                dice1 = m;
            }
        }
        assertEquals(0.875, dice1.get("mean").asDouble(), 1e-12); // (0.75 + 1) / 2
        assertEquals(2, dice1.get("n").asInt());
        List<String> lesions = Files.readAllLines(out.resolve("lesions.csv"));
        assertEquals(4, lesions.size()); // header, a/1 ref, b/1 ref, b/2 pred (FP)
        assertTrue(lesions.get(3).startsWith("b,2,pred,1,1,"), lesions.get(3));
    }

    @Test
    void gridMismatchExitsThreeAndWritesNothing() throws IOException {
        Path refDir = Files.createDirectories(tmp.resolve("ref"));
        Path predDir = Files.createDirectories(tmp.resolve("pred"));
        writeCases(refDir, predDir);
        NiftiWriter.write(predDir.resolve("b.nii.gz"), LabelMap.zeros(Grid.of(10, 10, 10, 2.0, 1.0, 0.6)));
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("evaluate", "--ref", refDir.toString(), "--pred", predDir.toString(), "--out", out.toString());
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("b.nii.gz") && run.err().contains("spacing"), run.err());
        assertFalse(Files.exists(out));
    }

    /** A file where the output folder should be is refused before any case is evaluated. */
    @Test
    void anOutputThatIsAFileExitsThreeBeforeEvaluating() throws IOException {
        Path refDir = Files.createDirectories(tmp.resolve("ref"));
        Path predDir = Files.createDirectories(tmp.resolve("pred"));
        writeCases(refDir, predDir);
        Path file = Files.writeString(tmp.resolve("out.txt"), "keep me");
        CliRun run = CliRun.of("evaluate", "--ref", refDir.toString(), "--pred", predDir.toString(), "--out", file.toString());
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("is a file, not a folder") && !run.err().contains("evaluate: 1/"), run.err());
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void predictionWithoutReferenceExitsThree() throws IOException {
        Path refDir = Files.createDirectories(tmp.resolve("ref"));
        Path predDir = Files.createDirectories(tmp.resolve("pred"));
        writeCases(refDir, predDir);
        NiftiWriter.write(predDir.resolve("c.nii.gz"), LabelMap.zeros(Grid.of(2, 2, 2)));
        CliRun run = CliRun.of("evaluate", "--ref", refDir.toString(), "--pred", predDir.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(3, run.exitCode());
        assertTrue(run.err().contains("c.nii.gz") && run.err().contains("without a reference"), run.err());
    }

    @Test
    void labelOutsideLabelsExitsThree() throws IOException {
        Path refDir = Files.createDirectories(tmp.resolve("ref"));
        Path predDir = Files.createDirectories(tmp.resolve("pred"));
        writeCases(refDir, predDir);
        CliRun run = CliRun.of("evaluate", "--ref", refDir.toString(), "--pred", predDir.toString(), "--labels", "1",
                "--out", tmp.resolve("o").toString());
        assertEquals(3, run.exitCode());
        assertTrue(run.err().contains("label 2") && run.err().contains("b.nii.gz"), run.err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        CliRun run = CliRun.of("evaluate", "--ref", "x", "--pred", "y", "--out", "z", "--match", "hungarian");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("overlap or iou:T"), run.err());
        assertEquals(2, CliRun.of("evaluate", "--ref", "x", "--pred", "y", "--out", "z", "--connectivity", "8").exitCode());
        assertEquals(2, CliRun.of("evaluate", "--ref", "x", "--pred", "y", "--out", "z", "--empty", "zero").exitCode());
    }

    @Test
    void helpShowsTheEmptyCaseTable() {
        CliRun run = CliRun.of("evaluate", "--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("HD, HD95, ASSD monai   inf"), run.out());
        assertTrue(run.out().contains("--tolerance-mm"), run.out());
    }
}
