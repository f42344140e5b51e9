package org.lossbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.models.zoo.ModelZoo;
import org.lossbench.models.zoo.ZooProtocol;
import org.lossbench.models.zoo.ZooTraining;

/**
 * What {@code lossbench models zoo-train} is to train ({@link ZooTrainCommand}): the protocol's runs it
 * selects, those of them the zoo lacks (refusing a zoo model trained otherwise than the protocol says),
 * the dry run's listing, and the clean-checkout rule for published models.
 */
final class ZooTrainPlan {
    private ZooTrainPlan() {
    }

    /**
     * The runs of {@code selected} that the zoo does not hold yet; a zoo model of a selected run trained
     * otherwise than the protocol says is bad input (exit 3).
     */
    static List<ZooProtocol.Run> todo(ZooProtocol protocol, ModelZoo zoo, List<ZooProtocol.Run> selected) {
        ZooProtocol.Check check = protocol.check(zoo);
        List<ZooProtocol.Mismatch> wrong = check.mismatched().stream().filter(m -> selected.contains(m.run())).toList();
        if (!wrong.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            wrong.forEach(m -> sb.append("; ").append(m.entry().card()).append(": ").append(String.join(", ", m.differences())));
            throw new BadInputException("the zoo " + protocol.zooDir() + " holds " + wrong.size() + " model(s) trained otherwise than "
                    + protocol.file().getFileName() + " says" + sb + "; move them away (or restore the protocol) and rerun");
        }
        return selected.stream().filter(check.missing()::contains).toList();
    }

    /**
     * The protocol's runs that {@code --dataset}, {@code --loss} and {@code --seed} select (null: all);
     * a value the protocol lacks is a usage error.
     */
    static List<ZooProtocol.Run> select(ZooProtocol protocol, Path protocolFile, String dataset, String loss, Long seed) {
        if (dataset != null && protocol.datasets().stream().noneMatch(d -> d.name().equals(dataset))) {
            throw usage(protocolFile, "--dataset " + dataset, protocol.datasets().stream().map(ZooProtocol.DatasetPlan::name).toList());
        }
        if (loss != null && protocol.losses().stream().noneMatch(l -> l.name().equals(loss))) {
            throw usage(protocolFile, "--loss " + loss, protocol.losses().stream().map(ZooProtocol.LossEntry::name).toList());
        }
        if (seed != null && !protocol.seeds().contains(seed)) {
            throw usage(protocolFile, "--seed " + seed, protocol.seeds().stream().map(String::valueOf).toList());
        }
        return protocol.runs().stream().filter(r -> (dataset == null || r.dataset().name().equals(dataset))
                && (loss == null || r.loss().name().equals(loss)) && (seed == null || r.seed() == seed)).toList();
    }

    private static LossbenchException usage(Path protocolFile, String what, List<String> known) {
        return new LossbenchException(ExitCode.USAGE, what + " is not in the protocol " + protocolFile + "; it has " + String.join(", ", known));
    }

    /** The cards name the commit they were trained at: it must be a clean one (the caller skips this with --allow-dirty). */
    static void requireCleanCheckout(String commit) {
        if (commit.endsWith("-dirty")) {
            throw new LossbenchException(ExitCode.USAGE, "the lossbench checkout has uncommitted changes to tracked files (" + commit
                    + "); the zoo's cards must name a clean commit: commit or stash the changes first (--allow-dirty is for trials, never "
                    + "for published models)");
        }
        if (commit.equals("unknown")) {
            throw new LossbenchException(ExitCode.USAGE, "cannot tell the git commit of the running lossbench (not a git checkout, or no git); "
                    + "the zoo's cards must name a clean commit: run from a checkout (--allow-dirty is for trials only)");
        }
    }

    /** {@code --dry-run}: each run to train with its steps left and a time estimate from the zoo's finished models, then the total. */
    static void printDryRun(PrintWriter out, ZooProtocol protocol, ModelZoo zoo, ZooTraining training, List<ZooProtocol.Run> todo) {
        double total = 0;
        int known = 0;
        for (ZooProtocol.Run run : todo) {
            long from = training.stepReached(run);
            long left = run.dataset().steps() - from;
            OptionalDouble perStep = ZooTraining.secondsPerStep(zoo, run.dataset().name(), protocol.archId());
            String estimate = perStep.isPresent() ? "about " + duration(perStep.getAsDouble() * left) : "time unknown";
            total += perStep.orElse(0) * left;
            known += perStep.isPresent() ? 1 : 0;
            out.printf(Locale.ROOT, "%s\t%d steps%s\t%s%n", run.modelFile(), left, from > 0 ? " (resumes at step " + from + ")" : "", estimate);
        }
        String time = todo.isEmpty() ? "" : known == 0 ? ", time unknown (no finished model of these datasets in the zoo yet)"
                : ", " + (known < todo.size() ? "more than " : "") + "about " + duration(total) + " (from the zoo's finished models' seconds per step)";
        out.printf(Locale.ROOT, "%d models to train%s%n", todo.size(), time);
        out.flush();
    }

    private static String duration(double seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%.1f h", seconds / 3600)
                : seconds >= 120 ? String.format(Locale.ROOT, "%.0f min", seconds / 60) : String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
