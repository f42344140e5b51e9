package org.lossbench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.lossbench.cli.sweep.Cell;
import org.lossbench.cli.sweep.CellFiles;
import org.lossbench.cli.sweep.ClaimOwner;
import org.lossbench.cli.sweep.OpenCells;
import org.lossbench.cli.sweep.SweepResults;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.eval.results.SweepLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code lossbench merge DIR...}: joins the folders of a sweep's shards into one and writes the
 * aggregated outputs, byte for byte those of one unsharded run (docs/sweep.md). Every DIR must hold
 * the same plan ({@code sweep.json}); each cell is taken from a folder where it is finished (its
 * top-level files are copied, the done marker last), else its failure record; a cell that no folder
 * has run is an error.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Join the results/<sweep> folders of a sweep's shards and write the aggregated tables (as one unsharded run); "
                + "prints summary.md. With one DIR (shards that wrote into one shared folder), aggregates it in place."},
        footer = {"", "Exit codes: 0 every cell finished; 3 folders of different sweeps, cells no shard ran (each named, with the runner "
                + "still at work on it, if any), or a failed cell "
                + "(bad input or model); 4 a cell failed otherwise."})
public final class MergeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "shard output folders (results/<sweep>)")
    List<Path> dirs;

    @Option(names = "--out", paramLabel = "DIR", description = "merged folder (default: the first DIR)")
    Path out;

    @Override
    public Integer call() throws IOException {
        SweepResults.Plan plan = SweepResults.readPlan(dirs.get(0));
        for (Path d : dirs.subList(1, dirs.size())) {
            SweepResults.Plan p = SweepResults.readPlan(d);
            if (!p.specSha256().equals(plan.specSha256()) || !keys(p).equals(keys(plan))) {
                throw new BadInputException(d + " holds another sweep than " + dirs.get(0) + " (the specs differ: "
                        + p.specSha256().substring(0, 12) + " vs " + plan.specSha256().substring(0, 12)
                        + "); merge only the shards of one sweep, run with the same spec and flags");
            }
        }
        Path target = out == null ? dirs.get(0) : out;
        for (Cell c : plan.cells()) {
            CellFiles into = CellFiles.of(target, c);
            if (into.isDone(c)) {
                continue;
            }
            CellFiles failed = null;
            boolean copied = false;
            for (Path d : dirs) {
                CellFiles from = CellFiles.of(d, c);
                if (from.isDone(c)) {
                    copy(from, into, c);
                    copied = true;
                    break;
                }
                if (failed == null && from.failure() != null) {
                    failed = from;
                }
            }
            if (!copied && failed != null && !failed.dir().equals(into.dir())) {
                into.recordFailure(failed.failure());
            }
        }
        List<OpenCells.Open> open = OpenCells.of(target, plan.cells());
        if (!open.isEmpty()) {
            throw new BadInputException(open.size() + " of " + plan.cells().size() + " cells of " + target + " have not run (neither done nor failed in "
                    + (dirs.size() == 1 ? "the folder" : "any folder") + "):\n" + OpenCells.describe(open, ClaimOwner.current(), Instant.now())
                    + "\nrun them (cell k belongs to shard k mod N; a rerun of the sweep or of a shard skips finished cells) and merge again");
        }
        SweepResults.writePlan(target, plan.spec(), plan.cells());
        SweepResults.Outcome o = SweepResults.aggregate(target, plan.spec(), plan.cells());
        spec.commandLine().getOut().print(o.markdown());
        spec.commandLine().getOut().flush();
        return o.exitCode();
    }

    private static List<String> keys(SweepResults.Plan p) {
        return p.cells().stream().map(Cell::key).toList();
    }

    /** Copies a finished cell's top-level files (not the training folder), the done marker last. */
    private static void copy(CellFiles from, CellFiles into, Cell c) throws IOException {
        for (String name : SweepLayout.CELL_OUTPUTS) {
            if (!Files.isRegularFile(from.file(name))) {
                continue; // e.g. overlays.json of a cell run before it existed; aggregation names a missing table
            }
            byte[] bytes = Files.readAllBytes(from.file(name));
            AtomicFiles.write(into.file(name), os -> os.write(bytes));
        }
        into.clearFailure();
        into.markDone(c);
    }
}
