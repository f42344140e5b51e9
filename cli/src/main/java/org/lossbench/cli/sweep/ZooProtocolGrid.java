package org.lossbench.cli.sweep;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.lossbench.core.BadInputException;
import org.lossbench.models.zoo.ModelZoo;
import org.lossbench.models.zoo.ZooProtocol;

/**
 * Zoo mode's grid when the zoo folder holds its training protocol ({@value ZooProtocol#FILE}; models/zoo-v2/README.md).
 * By default the grid is the protocol's: its architecture, datasets, losses (in its order, the reference loss first) and
 * seeds, so that a sweep of a partly trained zoo fails instead of quietly comparing the subset the zoo happens to hold.
 * Every model of the grid that the protocol names must be in the zoo (a usage error lists the missing ones and says how
 * to train them) and must have been trained as the protocol says (bad input otherwise: a loss trained with other
 * settings is not compared fairly). Cells the protocol does not name (a loss given with {@code --losses} that is not in
 * its panel) are left to {@link ZooGrid}'s checks.
 */
final class ZooProtocolGrid {
    /** How many missing or mismatched models a message lists by name. */
    private static final int LISTED = 5;

    private ZooProtocolGrid() {
    }

    /** {@code given} when not empty, else the protocol's architecture. */
    static List<String> models(ZooProtocol p, List<String> given) {
        return given == null || given.isEmpty() ? List.of(p.archId()) : given;
    }

    /** {@code given} when not empty, else the protocol's datasets, in its order. */
    static List<String> datasets(ZooProtocol p, List<String> given) {
        return given == null || given.isEmpty() ? p.datasets().stream().map(ZooProtocol.DatasetPlan::name).toList() : given;
    }

    /** {@code given} when not empty, else the protocol's losses as the zoo names them, in its order. */
    static List<String> losses(ZooProtocol p, List<String> given) {
        return given == null || given.isEmpty() ? p.losses().stream().map(ZooProtocol.LossEntry::zooLoss).toList() : given;
    }

    /** {@code given} when not empty, else the protocol's seeds. */
    static List<Long> seeds(ZooProtocol p, List<Long> given) {
        return given == null || given.isEmpty() ? p.seeds() : given;
    }

    /** Checks that {@code z} holds every model of the grid that {@code p} names, each trained as {@code p} says. */
    static void check(ZooProtocol p, ModelZoo z, List<String> datasets, List<String> models, List<String> losses, List<Long> seeds) {
        Predicate<ZooProtocol.Run> inGrid = r -> datasets.contains(r.dataset().name()) && models.contains(r.arch())
                && losses.contains(r.loss().zooLoss()) && seeds.contains(r.seed());
        ZooProtocol.Check c = p.check(z, inGrid);
        if (!c.missing().isEmpty()) {
            long named = p.runs().stream().filter(inGrid).count();
            throw SweepSpec.usage("the model zoo " + z.dir() + " lacks " + c.missing().size() + " of the " + named + " models its protocol "
                    + p.file() + " names for this sweep: " + listed(c.missing().stream().map(r -> r.modelFile().toString()).toList())
                    + "; train them with lossbench models zoo-train --protocol " + p.file()
                    + ", or sweep what the zoo holds by naming --datasets, --losses and --seeds");
        }
        if (!c.mismatched().isEmpty()) {
            throw new BadInputException("the model zoo " + z.dir() + " holds " + c.mismatched().size()
                    + (c.mismatched().size() == 1 ? " model" : " models") + " trained otherwise than its protocol " + p.file() + " says, so the losses would not be compared on equal terms: "
                    + listed(c.mismatched().stream().map(m -> z.dir().relativize(m.entry().card()) + " (" + String.join("; ", m.differences())
                    + ")").toList()) + "; retrain them with lossbench models zoo-train --protocol " + p.file());
        }
    }

    /** The first {@value #LISTED} of {@code items}, comma-separated, and how many more there are. */
    private static String listed(List<String> items) {
        String head = items.stream().limit(LISTED).collect(Collectors.joining(", "));
        return items.size() > LISTED ? head + " and " + (items.size() - LISTED) + " more" : head;
    }
}
