package org.lossbench.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.LossbenchException;
import org.lossbench.datasets.registry.DatasetRegistry;

/** Cells, their canonical configurations and keys, and shards. */
class SweepPlanTest {
    @TempDir
    Path tmp;

    private SweepSpec spec(String name, List<String> losses, long steps) {
        return new SweepSpec(name, List.of("phantom-tiny"), null, null, List.of("vnet-tiny"), losses, List.of(0L, 1L), "train", null, null, null,
                new SweepSpec.Training(steps, null, List.of(16), null, null, null, null, null), null,
                new SweepSpec.Inference(null, null, "cpu", 1, null, null)).resolved();
    }

    private List<Cell> cells(SweepSpec s) {
        return SweepPlan.cells(s, new DatasetRegistry(tmp.resolve("registry.json")));
    }

    @Test
    void keyIsTheSha256OfTheCanonicalConfiguration() throws Exception {
        Cell c = cells(spec("a", List.of("dice", "ce"), 3)).get(0);
        // written by hand from the fields in docs/sweep.md: keys sorted, compact, nulls (lr, roi, labels) left out;
        // Python's json.dumps(config, sort_keys=True, separators=(',', ':')) gives the same text
        String expected = "{\"dataset\":\"phantom-tiny\",\"dataset_checksum\":\"b2a2b1f3ac01812b760abab20e013b13423761ae4802cdbf7b8dbb666dbfbfaf\","
                + "\"evaluation\":{\"bootstrap_seed\":0,\"connectivity\":26,\"empty\":\"monai\",\"match\":\"overlap\",\"size_bins\":\"3,6,12,24\","
                + "\"tolerance_mm\":\"2\"},\"format\":\"lossbench-sweep-cell/1\",\"inference\":{\"batch\":1,\"cpu_rewrite\":\"auto\",\"device\":\"cpu\",\"overlap\":0.5,"
                + "\"threads\":1},\"loss\":\"dice:include_background=true,batch=false,squared_pred=false,smooth_nr=1.0E-5,smooth_dr=1.0E-5\","
                + "\"mode\":\"train\",\"model\":\"vnet-tiny\",\"seed\":0,\"split\":\"test\",\"split_seed\":0,\"training\":{\"augment\":true,"
                + "\"batch\":2,\"foreground_share\":0.33,\"optimizer\":\"adam\",\"patch\":[16,16,16],\"schedule\":\"constant\",\"steps\":3}}";
        assertEquals(expected, CanonicalJson.of(c.config()));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(expected.getBytes(StandardCharsets.UTF_8)));
        assertEquals(sha, c.key());
    }

    @Test
    void cellsInSpecOrderWithKeysThatFollowTheNumbersOnly() {
        List<Cell> a = cells(spec("a", List.of("dice", "ce"), 3));
        assertEquals(4, a.size());
        assertEquals(List.of("dice", "dice", "ce", "ce"), a.stream().map(Cell::loss).toList());
        assertEquals(List.of(0L, 1L, 0L, 1L), a.stream().map(Cell::seed).toList());
        assertEquals(4, new HashSet<>(a.stream().map(Cell::key).toList()).size());
        // the sweep's name and the order of the losses do not change a cell's key; its settings do
        List<Cell> renamed = cells(spec("b", List.of("ce", "dice"), 3));
        assertEquals(Set.copyOf(a.stream().map(Cell::key).toList()), Set.copyOf(renamed.stream().map(Cell::key).toList()));
        List<Cell> longer = cells(spec("a", List.of("dice", "ce"), 4));
        for (int i = 0; i < 4; i++) {
            assertNotEquals(a.get(i).key(), longer.get(i).key());
        }
    }

    @Test
    void externalKeysFollowTheModelFilesContent() throws Exception {
        Path f = tmp.resolve("m.onnx");
        java.nio.file.Files.writeString(f, "one");
        SweepSpec s = new SweepSpec(null, null, null, null, null, null, null, "external", java.util.Map.of("dice", f.toString()), null, null,
                null, null, null).resolved();
        String before = cells(s).get(0).key();
        java.nio.file.Files.writeString(f, "two");
        assertNotEquals(before, cells(s).get(0).key(), "a changed model file is a new cell");
        assertEquals(f.toString(), cells(s).get(0).modelFile());
    }

    /**
     * An external cell's configuration records its file's SHA-256 (of the bytes "one": 7692c3ad..., from
     * sha256sum), or {@code missing:PATH} when the file is gone (the cell then fails, the others run); a plan
     * read back from sweep.json gives the same digest. The mode is written as the spec spells it.
     */
    @Test
    @SuppressWarnings("unchecked")
    void externalConfigurationRecordsTheFileDigestOrItsAbsence() throws Exception {
        Path f = tmp.resolve("m.onnx");
        java.nio.file.Files.writeString(f, "one");
        SweepSpec s = new SweepSpec(null, null, null, null, null, null, null, "external", java.util.Map.of("dice", f.toString()), null, null,
                null, null, null).resolved();
        Cell c = cells(s).get(0);
        String json = CanonicalJson.of(c.config());
        assertTrue(json.contains("\"mode\":\"external\""), json);
        assertTrue(json.contains("\"model_sha256\":\"7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed\""), json);
        assertEquals("7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed", c.modelDigest().orElseThrow().sha256());
        java.nio.file.Files.delete(f);
        Cell gone = cells(s).get(0);
        assertTrue(CanonicalJson.of(gone.config()).contains("\"model_sha256\":\"missing:" + f + "\""));
        assertEquals(new ModelDigest(null, f.toString()), gone.modelDigest().orElseThrow());
        java.util.Map<String, Object> read = org.lossbench.core.io.Json.mapper().readValue(CanonicalJson.of(gone.config()), java.util.TreeMap.class);
        Cell reread = new Cell(0, gone.dataset(), gone.model(), gone.loss(), gone.seed(), gone.modelFile(), read, gone.key());
        assertEquals(gone.modelDigest(), reread.modelDigest());
        assertEquals(CanonicalJson.of(gone.config()), CanonicalJson.of(reread.config()));
        assertTrue(cells(spec("a", List.of("dice"), 3)).get(0).modelDigest().isEmpty(), "a trained cell has no model file");
    }

    /** A zero, negative or null size, also given as one size for a cube, and negative threads are usage errors before any cell runs. */
    @Test
    void badSizesAndThreadsAreUsageErrors() {
        for (List<Integer> bad : java.util.Arrays.asList(List.of(0), List.of(-4), List.of(16, 0, 16), List.of(16, 16),
                java.util.Arrays.asList((Integer) null))) {
            SweepSpec s = new SweepSpec(null, null, null, null, null, List.of("dice"), null, "train", null, null, null,
                    new SweepSpec.Training(null, null, bad, null, null, null, null, null), null, null);
            LossbenchException e = assertThrows(LossbenchException.class, s::resolved, String.valueOf(bad));
            assertEquals(org.lossbench.core.ExitCode.USAGE, e.exitCode());
            assertEquals("sweep: sizes must be three positive numbers D,H,W (or one for a cube), got " + bad, e.getMessage());
            SweepSpec r = new SweepSpec(null, null, null, null, null, List.of("dice"), null, "train", null, null, null, null, null,
                    new SweepSpec.Inference(bad, null, "cpu", 1, null, null));
            assertEquals(e.getMessage(), assertThrows(LossbenchException.class, r::resolved).getMessage());
        }
        SweepSpec t = new SweepSpec(null, null, null, null, null, List.of("dice"), null, "train", null, null, null, null, null,
                new SweepSpec.Inference(null, null, "cpu", -1, null, null));
        LossbenchException e = assertThrows(LossbenchException.class, t::resolved);
        assertEquals("sweep: inference threads must be >= 0 (0 = ONNX Runtime's default), got -1", e.getMessage());
        assertEquals(List.of(8, 8, 8), SweepSpec.cube(List.of(8)));
    }

    @Test
    void shardsPartitionTheCellsRoundRobin() {
        List<Cell> all = new ArrayList<>(cells(spec("a", List.of("dice", "ce", "dice+ce"), 3)));
        assertEquals(6, all.size());
        for (int n = 1; n <= 7; n++) {
            Set<String> seen = new HashSet<>();
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int i = 0; i < n; i++) {
                List<Cell> part = new Shard(i, n).select(all);
                for (Cell c : part) {
                    assertTrue(seen.add(c.key()), "disjoint");
                    assertEquals(i, c.index() % n);
                }
                min = Math.min(min, part.size());
                max = Math.max(max, part.size());
            }
            assertEquals(6, seen.size(), "complete");
            assertTrue(max - min <= 1, "balanced");
        }
        assertEquals(new Shard(1, 4), Shard.parse(" 1/4 "));
        for (String bad : List.of("4/4", "-1/2", "1", "a/b", "1/0")) {
            assertThrows(LossbenchException.class, () -> Shard.parse(bad), bad);
        }
    }
}
