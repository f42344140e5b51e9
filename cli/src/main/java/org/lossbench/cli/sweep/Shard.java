package org.lossbench.cli.sweep;

import java.util.List;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/**
 * A deterministic slice {@code i/N} of a sweep's cells: cell {@code k} of the plan belongs to shard
 * {@code k mod N}, with {@code i} in {@code 0..N-1} (Slurm's {@code --array=0-(N-1)}, Kubernetes'
 * {@code JOB_COMPLETION_INDEX}). Round robin keeps the shards' sizes within one cell of each other
 * and spreads each loss over all shards.
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new LossbenchException(ExitCode.USAGE, "--shard must be i/N with 0 <= i < N, got " + index + "/" + count);
        }
    }

    public static Shard parse(String text) {
        String[] p = text.trim().split("/");
        try {
            if (p.length == 2) {
                return new Shard(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()));
            }
        } catch (NumberFormatException e) {
            // usage error below
        }
        throw new LossbenchException(ExitCode.USAGE, "--shard must be i/N (e.g. 0/4 for the first of four shards), got '" + text + "'");
    }

    public boolean contains(Cell c) {
        return c.index() % count == index;
    }

    public List<Cell> select(List<Cell> cells) {
        return cells.stream().filter(this::contains).toList();
    }

    public boolean isAll() {
        return count == 1;
    }
}
