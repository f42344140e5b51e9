package org.lossbench.cli.sweep;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cells of a sweep folder that are neither finished ({@code done} holds the key) nor failed
 * ({@code failed.json}), each with its current claim (a runner at work on it, or a stale claim a dead
 * runner left), for the decision who aggregates and for {@code lossbench merge}'s refusal of an incomplete set.
 */
public final class OpenCells {
    /** An open cell and its claim, if any. */
    public record Open(Cell cell, Optional<CellClaim.Holder> claim) {
    }

    private OpenCells() {
    }

    /** The open cells among {@code cells} of the sweep folder {@code dir}, in plan order. */
    public static List<Open> of(Path dir, List<Cell> cells) {
        List<Open> open = new ArrayList<>();
        for (Cell c : cells) {
            CellFiles f = CellFiles.of(dir, c);
            if (!f.isDone(c) && f.failure() == null) {
                open.add(new Open(c, CellClaim.holder(f.dir())));
            }
        }
        return open;
    }

    /**
     * One line per cell: {@code cell 3 (phantom-tiny / vnet-tiny / dice / seed 1, key 0123456789ab): running on vm pid 42,
     * heartbeat 3 s ago}, or {@code not claimed}; a claim {@code me} may take over is marked stale.
     */
    public static String describe(List<Open> open, ClaimOwner me, Instant now) {
        return open.stream().map(o -> "  cell " + o.cell().index() + " (" + o.cell().label() + ", key " + o.cell().key().substring(0, 12) + "): "
                + o.claim().map(h -> (h.isStale(me, now) ? "stale claim of " : "running on ") + h.describe(now)).orElse("not claimed"))
                .collect(Collectors.joining("\n"));
    }
}
