package org.lossbench.cli.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lossbench.core.io.Json;

/**
 * The published sweep, {@code results/default/} (the README's headline), must come from a committed tree: every cell of
 * its {@code manifest.json} finished and records in its provenance a {@code git_commit} that is a full commit hash, neither
 * {@code <sha>-dirty} (uncommitted changes to tracked files, core's {@code GitInfo}) nor {@code unknown} (no checkout).
 * Otherwise nobody can rebuild the code that made the published numbers, and {@code .ci/run}'s rerun of the default
 * sweep would compare against results of unknown code.
 */
class PublishedResultsTest {
    static final Path MANIFEST = Path.of(System.getProperty("lossbench.root", "..")).resolve("results/default/manifest.json");

    /** Why the manifest cannot be published, one line per refused cell; empty when it can. */
    static List<String> refusals(JsonNode manifest) {
        List<String> out = new ArrayList<>();
        if (manifest.path("cells").isEmpty()) {
            out.add("the manifest has no cells");
        }
        for (JsonNode c : manifest.path("cells")) {
            String cell = "cell " + c.path("index").asText() + " (" + c.path("loss").asText() + ", seed " + c.path("seed").asText() + ")";
            String commit = c.path("provenance").path("git_commit").asText("");
            if (!c.path("status").asText().equals("done")) {
                out.add(cell + " did not finish (status " + c.path("status").asText() + ")");
            }
            if (commit.endsWith("-dirty")) {
                out.add(cell + " was made from a tree with uncommitted changes (" + commit + ")");
            } else if (!commit.matches("[0-9a-f]{40}")) {
                out.add(cell + " records no commit (git_commit '" + commit + "')");
            }
        }
        return out;
    }

    @Test
    void thePublishedDefaultSweepWasMadeFromACommittedTree() throws IOException {
        assertEquals(List.of(), refusals(Json.mapper().readTree(MANIFEST.toFile())), "results/default must be regenerated from a clean, "
                + "committed tree: commit every change, then ./lossbench sweep --name default --out results (README)");
    }

    @Test
    void aDirtyUnknownOrMissingCommitAndAFailedCellAreRefused() throws IOException {
        JsonNode m = Json.mapper().readTree(MANIFEST.toFile());
        JsonNode cells = m.get("cells");
        String sha = cells.get(0).path("provenance").path("git_commit").asText();
        ((ObjectNode) cells.get(0).get("provenance")).put("git_commit", sha + "-dirty");
        ((ObjectNode) cells.get(1).get("provenance")).put("git_commit", "unknown");
        ((ObjectNode) cells.get(2).get("provenance")).remove("git_commit");
        ((ObjectNode) cells.get(3)).put("status", "failed");
        String loss0 = cells.get(0).path("loss").asText();
        String loss1 = cells.get(1).path("loss").asText();
        String loss2 = cells.get(2).path("loss").asText();
        String loss3 = cells.get(3).path("loss").asText();
        assertEquals(List.of("cell 0 (" + loss0 + ", seed " + seed(cells, 0) + ") was made from a tree with uncommitted changes (" + sha + "-dirty)",
                "cell 1 (" + loss1 + ", seed " + seed(cells, 1) + ") records no commit (git_commit 'unknown')",
                "cell 2 (" + loss2 + ", seed " + seed(cells, 2) + ") records no commit (git_commit '')",
                "cell 3 (" + loss3 + ", seed " + seed(cells, 3) + ") did not finish (status failed)"), refusals(m));
        assertEquals(List.of("the manifest has no cells"), refusals(Json.mapper().readTree("{\"cells\": []}")));
    }

    /** The training seed of cell {@code i}, as the manifest writes it. */
    private static long seed(JsonNode cells, int i) {
        return cells.get(i).get("seed").asLong();
    }
}
