package org.lossbench.models.zoo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.lossbench.core.BadInputException;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.Json;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.train.LrSchedule;
import org.lossbench.models.train.ModelSpec;
import org.lossbench.models.train.Optimizer;
import org.lossbench.models.train.TrainingCard;
import org.lossbench.models.train.TrainingSettings;

/**
 * The training protocol of a model zoo, read from its {@code protocol.json} (models/zoo-v2/README.md):
 * one architecture and one set of optimisation settings, a panel of losses (each a file-safe short name
 * and a loss spec), training seeds, and datasets, each with its patch, step count and split (a split
 * seed, or {@value TrainingCard#OWN_SPLIT} for a dataset that brings its split). The zoo folder is the
 * protocol file's folder.
 *
 * <p>The protocol expects one model per (dataset, loss, seed): {@link #runs()}. {@link #check} compares
 * it with a {@link ModelZoo}: which runs have no model yet, which models were trained with other
 * settings than the protocol's (read from the card's {@code training} map and {@code model_config}),
 * and which models the protocol does not name.
 */
public final class ZooProtocol {
    /** The {@code format} field of a protocol file. */
    public static final String FORMAT = "lossbench.zoo-protocol";
    public static final int VERSION = 1;
    /** The protocol's file name in its zoo folder. */
    public static final String FILE = "protocol.json";
    private static final Pattern FILE_SAFE = Pattern.compile("[a-z0-9]+([.+_-][a-z0-9]+)*");

    /**
     * A dataset of the protocol.
     *
     * @param splitSeed the seed of the 60/20/20 split, or null when the dataset brings its own
     * @param patch training patch D, H, W
     */
    public record DatasetPlan(String name, Long splitSeed, int[] patch, long steps) {
        public DatasetPlan {
            patch = patch.clone();
        }

        @Override
        public int[] patch() {
            return patch.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof DatasetPlan d && name.equals(d.name) && Objects.equals(splitSeed, d.splitSeed)
                    && java.util.Arrays.equals(patch, d.patch) && steps == d.steps;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, splitSeed, java.util.Arrays.hashCode(patch), steps);
        }
    }

    /**
     * A loss of the panel.
     *
     * @param name a file-safe short name, used in file names ({@code dice-nnunet+ce})
     * @param spec the loss spec ({@link CompoundLoss#parse})
     */
    public record LossEntry(String name, String spec) {
        /** The loss as the zoo names it: the short form of the spec ({@link CompoundLoss#shortSpec()}). */
        public String zooLoss() {
            return CompoundLoss.parse(spec).shortSpec();
        }
    }

    /** One expected model: a loss trained with a seed on a dataset. */
    public record Run(DatasetPlan dataset, LossEntry loss, long seed, String arch) {
        /** {@code ARCH-LOSSNAME-sSEED}, the file name of the model without extension. */
        public String fileStem() {
            return arch + "-" + loss.name() + "-s" + seed;
        }

        /** The model's place in the zoo: {@code DATASET/ARCH-LOSSNAME-sSEED.onnx}. */
        public Path modelFile() {
            return Path.of(dataset.name(), fileStem() + ".onnx");
        }

        /** {@code dataset / loss name / seed s}, for messages. */
        public String label() {
            return dataset.name() + " / " + loss.name() + " / seed " + seed;
        }
    }

    /**
     * A zoo model trained otherwise than the protocol says.
     *
     * @param differences one line per setting, {@code setting: card X, protocol Y}
     */
    public record Mismatch(Run run, ModelZoo.Entry entry, List<String> differences) {
    }

    /**
     * The zoo against the protocol.
     *
     * @param missing runs without a model
     * @param mismatched models of the protocol's runs trained with other settings
     * @param outside models the protocol does not name
     */
    public record Check(List<Run> missing, List<Mismatch> mismatched, List<ModelZoo.Entry> outside) {
        /** Every run has a model trained as the protocol says. */
        public boolean complete() {
            return missing.isEmpty() && mismatched.isEmpty();
        }
    }

    private final Path file;
    private final String arch;
    private final ModelSpec model;
    private final int batch;
    private final String optimizer;
    private final double lr;
    private final String schedule;
    private final double foregroundShare;
    private final boolean augment;
    private final int valEvery;
    private final int checkpointEvery;
    private final int threads;
    private final String device;
    private final List<Long> seeds;
    private final List<DatasetPlan> datasets;
    private final List<LossEntry> losses;

    private ZooProtocol(Path file, JsonNode j) {
        this.file = file;
        this.arch = text(j, "arch");
        this.model = parse("arch", () -> ModelSpec.parse(arch));
        this.batch = positiveInt(j, "batch");
        this.optimizer = text(j, "optimizer");
        parse("optimizer", () -> Optimizer.parse(optimizer));
        this.lr = number(j, "lr");
        if (lr <= 0) {
            throw bad("lr", "must be positive, got " + lr);
        }
        this.schedule = text(j, "schedule");
        parse("schedule", () -> LrSchedule.parse(schedule));
        this.foregroundShare = number(j, "foreground_share");
        if (foregroundShare > 1) {
            throw bad("foreground_share", "must be in [0, 1], got " + foregroundShare);
        }
        this.augment = bool(j, "augment");
        this.valEvery = positiveInt(j, "val_every");
        this.checkpointEvery = positiveInt(j, "checkpoint_every");
        this.threads = nonNegativeInt(j, "threads");
        this.device = text(j, "device");
        this.seeds = seeds(j);
        this.datasets = datasets(j);
        this.losses = losses(j);
    }

    /** Reads and checks a protocol file; anything wrong in it is a {@link BadInputException} naming the file and the field. */
    public static ZooProtocol read(Path file) {
        JsonNode j;
        try {
            j = Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new BadInputException("zoo protocol " + file + " cannot be read as JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (j == null || !FORMAT.equals(j.path("format").asText()) || j.path("version").asInt() != VERSION) {
            throw new BadInputException("zoo protocol " + file + " is not a " + FORMAT + " version " + VERSION
                    + " file (its \"format\" and \"version\" fields); see models/zoo-v2/README.md");
        }
        return new ZooProtocol(file.toAbsolutePath().normalize(), j);
    }

    /** The protocol of the zoo in {@code zooDir}: its {@value #FILE}, read when there is one. */
    public static Optional<ZooProtocol> in(Path zooDir) {
        Path f = zooDir.resolve(FILE);
        return Files.isRegularFile(f) ? Optional.of(read(f)) : Optional.empty();
    }

    /** The protocol file. */
    public Path file() {
        return file;
    }

    /** The zoo folder: the protocol file's folder. */
    public Path zooDir() {
        return file.getParent();
    }

    /** The architecture's id ({@code vnet-lite}), as the zoo names it. */
    public String archId() {
        return model.arch().id();
    }

    public List<Long> seeds() {
        return seeds;
    }

    public List<DatasetPlan> datasets() {
        return datasets;
    }

    public List<LossEntry> losses() {
        return losses;
    }

    /** Every expected model: for each dataset, each loss, each seed, in the protocol's order. */
    public List<Run> runs() {
        List<Run> out = new ArrayList<>();
        for (DatasetPlan d : datasets) {
            for (LossEntry l : losses) {
                for (long s : seeds) {
                    out.add(new Run(d, l, s, archId()));
                }
            }
        }
        return out;
    }

    /** The settings of {@code lossbench train} for {@code run}, with {@code threads} ONNX Runtime threads (null: the protocol's). */
    public TrainingSettings settings(Run run, Integer threads) {
        DatasetPlan d = run.dataset();
        return new TrainingSettings(d.name(), arch, run.loss().spec(), d.steps(), batch, d.patch(), optimizer, lr, schedule, run.seed(),
                d.splitSeed(), foregroundShare, augment, device, threads == null ? this.threads : threads, valEvery, checkpointEvery);
    }

    /** Which runs {@code zoo} lacks, which of its models differ from the protocol, and which it holds beyond the protocol. */
    public Check check(ModelZoo zoo) {
        return check(zoo, r -> true);
    }

    /**
     * As {@link #check(ModelZoo)}, for the runs {@code which} accepts only (a sweep's grid): missing and mismatched
     * list those runs; outside still lists every model the protocol does not name at all.
     */
    public Check check(ModelZoo zoo, Predicate<Run> which) {
        List<Run> missing = new ArrayList<>();
        List<Mismatch> mismatched = new ArrayList<>();
        Set<ModelZoo.Entry> named = new HashSet<>();
        for (Run r : runs()) {
            var e = zoo.find(r.dataset().name(), r.arch(), r.loss().zooLoss(), r.seed());
            e.ifPresent(named::add);
            if (!which.test(r)) {
                continue;
            }
            if (e.isEmpty()) {
                missing.add(r);
                continue;
            }
            List<String> diff = differences(r, card(e.get().card()));
            if (!diff.isEmpty()) {
                mismatched.add(new Mismatch(r, e.get(), diff));
            }
        }
        return new Check(missing, mismatched, zoo.entries().stream().filter(e -> !named.contains(e)).toList());
    }

    /**
     * How the model card {@code card} of {@code run} differs from the protocol, one line per setting:
     * steps, patch, batch, optimiser, learning rate, schedule, foreground share, augmentation, split
     * (seed or the dataset's own), and the resolved architecture configuration (width, depth, kernel,
     * ...). Empty when the card was trained as the protocol says.
     */
    public List<String> differences(Run run, JsonNode card) {
        JsonNode t = card.path("training");
        DatasetPlan d = run.dataset();
        List<String> out = new ArrayList<>();
        compare(out, "steps", t.path("steps"), Json.mapper().valueToTree(d.steps()));
        compare(out, "patch", t.path("patch"), Json.mapper().valueToTree(d.patch()));
        compare(out, "batch", t.path("batch"), Json.mapper().valueToTree(batch));
        compare(out, "optimizer", t.path("optimizer"), Json.mapper().valueToTree(Optimizer.parse(optimizer).spec()));
        compareNumber(out, "lr", t.path("lr"), lr);
        compare(out, "schedule", t.path("schedule"), Json.mapper().valueToTree(LrSchedule.parse(schedule).spec()));
        compareNumber(out, "foreground_share", t.path("foreground_share"), foregroundShare);
        compare(out, "augment", t.path("augment"), Json.mapper().valueToTree(augment));
        compare(out, "split_seed", t.path("split_seed"), Json.mapper().valueToTree(d.splitSeed() == null ? TrainingCard.OWN_SPLIT : d.splitSeed()));
        JsonNode mc = card.path("model_config");
        JsonNode expected;
        try {
            expected = Json.mapper().valueToTree(model.arch().resolvedConfig(
                    model.options(mc.path("in_channels").asInt(1), mc.path("classes").asInt(2), mc.path("seed").asLong(run.seed()))));
        } catch (LossbenchException | IllegalArgumentException e) {
            out.add("model_config: the protocol's " + arch + " cannot be built for the card's channels and classes: " + e.getMessage());
            return out;
        }
        expected.properties().forEach(f -> compare(out, "model_config." + f.getKey(), mc.path(f.getKey()), f.getValue()));
        return out;
    }

    private static void compare(List<String> out, String what, JsonNode card, JsonNode protocol) {
        if (card.isMissingNode() || card.isNull()) {
            out.add(what + ": not recorded in the card, protocol " + protocol);
        } else if (card.isNumber() && protocol.isNumber() ? card.decimalValue().compareTo(protocol.decimalValue()) != 0 : !card.equals(protocol)) {
            out.add(what + ": card " + card + ", protocol " + protocol);
        }
    }

    private static void compareNumber(List<String> out, String what, JsonNode card, double protocol) {
        if (!card.isNumber()) {
            out.add(what + ": " + (card.isMissingNode() ? "not recorded in the card" : "card " + card) + ", protocol " + protocol);
        } else if (Math.abs(card.asDouble() - protocol) > 1e-12 * Math.abs(protocol)) {
            out.add(what + ": card " + card.asDouble() + ", protocol " + protocol);
        }
    }

    private static JsonNode card(Path card) {
        try {
            return Json.mapper().readTree(card.toFile());
        } catch (IOException e) {
            throw new BadInputException("zoo card " + card + " cannot be read: " + e.getMessage());
        }
    }

    private List<Long> seeds(JsonNode j) {
        JsonNode a = j.path("seeds");
        if (!a.isArray() || a.isEmpty()) {
            throw bad("seeds", "must be a non-empty list of integers");
        }
        List<Long> out = new ArrayList<>();
        for (JsonNode s : a) {
            if (!s.canConvertToLong() || !s.isIntegralNumber() || out.contains(s.asLong())) {
                throw bad("seeds", "must be distinct integers, got " + a);
            }
            out.add(s.asLong());
        }
        return List.copyOf(out);
    }

    private List<DatasetPlan> datasets(JsonNode j) {
        JsonNode a = j.path("datasets");
        if (!a.isArray() || a.isEmpty()) {
            throw bad("datasets", "must be a non-empty list of {name, split_seed, patch, steps}");
        }
        List<DatasetPlan> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode d : a) {
            String name = text(d, "name");
            String at = "datasets[" + name + "]";
            if (!names.add(name)) {
                throw bad(at, "is listed twice");
            }
            JsonNode split = d.path("split_seed");
            Long splitSeed;
            if (split.isIntegralNumber()) {
                splitSeed = split.asLong();
            } else if (TrainingCard.OWN_SPLIT.equals(split.asText(null))) {
                splitSeed = null;
            } else {
                throw bad(at + ".split_seed", "must be an integer or \"" + TrainingCard.OWN_SPLIT + "\", got " + split);
            }
            JsonNode p = d.path("patch");
            if (!p.isArray() || p.size() != 3) {
                throw bad(at + ".patch", "must be [D, H, W], got " + p);
            }
            int[] patch = new int[3];
            int multiple = model.arch().sizeMultiple(model.options(1, 2, 0));
            for (int i = 0; i < 3; i++) {
                patch[i] = p.get(i).asInt();
                if (!p.get(i).isIntegralNumber() || patch[i] < 1 || patch[i] % multiple != 0) {
                    throw bad(at + ".patch", "sizes must be positive multiples of " + multiple + " for " + arch + ", got " + p);
                }
            }
            JsonNode steps = d.path("steps");
            if (!steps.isIntegralNumber() || steps.asLong() < 1) {
                throw bad(at + ".steps", "must be a positive integer, got " + steps);
            }
            out.add(new DatasetPlan(name, splitSeed, patch, steps.asLong()));
        }
        return List.copyOf(out);
    }

    /** The panel: names file-safe and distinct, specs readable and no two the same loss (equal canonical specs). */
    private List<LossEntry> losses(JsonNode j) {
        JsonNode a = j.path("losses");
        if (!a.isArray() || a.isEmpty()) {
            throw bad("losses", "must be a non-empty list of {name, spec}");
        }
        List<LossEntry> out = new ArrayList<>();
        Map<String, String> byCanonical = new HashMap<>();
        for (JsonNode l : a) {
            String name = text(l, "name");
            String spec = text(l, "spec");
            if (!FILE_SAFE.matcher(name).matches()) {
                throw bad("losses[" + name + "]", "the name must be file-safe: lower-case letters and digits, joined by . + _ or -");
            }
            if (out.stream().anyMatch(e -> e.name().equals(name))) {
                throw bad("losses[" + name + "]", "is listed twice");
            }
            String canonical = parse("losses[" + name + "].spec", () -> CompoundLoss.parse(spec)).spec();
            String twin = byCanonical.putIfAbsent(canonical, name);
            if (twin != null) {
                throw bad("losses[" + name + "]", "is the same loss as " + twin + " (" + canonical + ")");
            }
            out.add(new LossEntry(name, spec));
        }
        return List.copyOf(out);
    }

    private <T> T parse(String what, java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (LossbenchException | IllegalArgumentException e) {
            throw bad(what, e.getMessage());
        }
    }

    private String text(JsonNode j, String field) {
        JsonNode v = j.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw bad(field, "must be a non-empty string, got " + (v.isMissingNode() ? "nothing" : v.toString()));
        }
        return v.asText();
    }

    private double number(JsonNode j, String field) {
        JsonNode v = j.path(field);
        if (!v.isNumber() || !(v.asDouble() >= 0) || Double.isInfinite(v.asDouble())) {
            throw bad(field, "must be a non-negative number, got " + (v.isMissingNode() ? "nothing" : v.toString()));
        }
        return v.asDouble();
    }

    private boolean bool(JsonNode j, String field) {
        JsonNode v = j.path(field);
        if (!v.isBoolean()) {
            throw bad(field, "must be true or false, got " + (v.isMissingNode() ? "nothing" : v.toString()));
        }
        return v.asBoolean();
    }

    private int positiveInt(JsonNode j, String field) {
        int v = nonNegativeInt(j, field);
        if (v < 1) {
            throw bad(field, "must be at least 1, got " + v);
        }
        return v;
    }

    private int nonNegativeInt(JsonNode j, String field) {
        JsonNode v = j.path(field);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw bad(field, "must be a non-negative integer, got " + (v.isMissingNode() ? "nothing" : v.toString()));
        }
        return v.asInt();
    }

    private BadInputException bad(String field, String what) {
        return new BadInputException(String.format(Locale.ROOT, "zoo protocol %s: %s %s; fix the file (models/zoo-v2/README.md lists the fields)",
                file, field, what));
    }
}
