package org.lossbench.models.zoo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.Json;
import org.lossbench.datasets.phantom.Phantoms;
import org.lossbench.losses.CompoundLoss;

/**
 * The model zoo: a folder of trained inference models, each {@code NAME.onnx} with its model card
 * {@code NAME.card.json} as {@code lossbench train} writes it (models/zoo-v2/README.md), in the folder or
 * any subfolder of it except {@value #RUNS}/ (the training runs in progress that {@code lossbench models
 * zoo-train} and {@code train-zoo.sh} keep there, each with a card once finished). An entry is identified by (dataset, architecture, loss, seed), all read from the
 * card, the loss by its short spec (parameters at their defaults left out: {@code dice},
 * {@code focal:gamma=3}) and the seed by the card's training seed; the card's SHA-256 is the model
 * file's, checked before a model is used ({@link Entry#verify}).
 *
 * <p>The folder is {@code --zoo DIR}, else {@code $LOSSBENCH_ZOO}, else {@value #DEFAULT} of the
 * installation ({@code $LOSSBENCH_ROOT}, which the {@code lossbench} launcher sets): zoo v2, trained under its protocol
 * (models/zoo-v2/PROTOCOL.md). The first zoo, one seed per loss on the phantom only, stays in {@code models/zoo}
 * ({@code --zoo models/zoo}).
 */
public final class ModelZoo {
    /** Environment variable naming the zoo folder. */
    public static final String ENV = "LOSSBENCH_ZOO";
    /** The default zoo folder, relative to the installation: zoo v2. */
    public static final String DEFAULT = "models/zoo-v2";
    /** The subfolder of a zoo that holds training runs, not zoo models; {@link #read} skips it. */
    public static final String RUNS = "runs";

    private final Path dir;
    private final List<Entry> entries;

    /**
     * One zoo model.
     *
     * @param patch the training patch (D, H, W), the natural sliding window of the model
     * @param sha256 the model file's SHA-256 as recorded in the card
     * @param seen the cases the model was trained on or selected with (the card's training and
     *             validation split), which an evaluation must not use
     * @param seed the training seed (initialisation and batches) recorded in the card
     */
    public record Entry(String dataset, String arch, String loss, long seed, Path file, Path card, int[] patch, String sha256,
                        Set<String> seen) {
        /** {@code arch / dataset / loss / seed s}, for messages. */
        public String label() {
            return arch + " / " + dataset + " / " + loss + " / seed " + seed;
        }

        /** Throws {@link BadInputException} when the file is missing or differs from the one the card describes. */
        public void verify() {
            verify(Files.isRegularFile(file) ? org.lossbench.models.arch.ModelCard.sha256(file) : null);
        }

        /**
         * As {@link #verify()}, with the file's SHA-256 already computed by the caller from the file's
         * bytes (a sweep hashes every model once, for its cell keys, and checks the cards against those
         * hashes instead of reading each file a second time).
         *
         * @param fileSha256 the file's SHA-256, or null when the file is missing
         */
        public void verify(String fileSha256) {
            if (fileSha256 == null || !Files.isRegularFile(file)) {
                throw new BadInputException("zoo model " + file + " is missing (its card " + card.getFileName()
                        + " is there); restore it (git checkout) or retrain it (models/zoo/README.md, models/zoo-v2/README.md)");
            }
            if (!fileSha256.equals(sha256)) {
                throw new BadInputException("zoo model " + file + " has SHA-256 " + fileSha256 + " but its card records " + sha256
                        + "; the file was changed or damaged, restore it (git checkout) or retrain it");
            }
        }
    }

    private ModelZoo(Path dir, List<Entry> entries) {
        this.dir = dir;
        this.entries = entries;
    }

    /** The zoo folder: {@code explicit} when given, else {@code $LOSSBENCH_ZOO}, else {@code $LOSSBENCH_ROOT/}{@value #DEFAULT}. */
    public static Path locate(Path explicit) {
        if (explicit != null) {
            return explicit.toAbsolutePath().normalize();
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        String root = System.getenv("LOSSBENCH_ROOT");
        if (root != null && !root.isBlank()) {
            return Path.of(root).resolve(DEFAULT).toAbsolutePath().normalize();
        }
        throw new LossbenchException(ExitCode.USAGE, "no model zoo folder: give --zoo DIR or set $" + ENV
                + " (the lossbench launcher points at the checkout's " + DEFAULT + ")");
    }

    /**
     * Reads every card of {@code dir} and its subfolders but {@value #RUNS}/; entries sorted by dataset, architecture, loss
     * and seed. Two cards for the same (dataset, architecture, loss, seed) are refused.
     */
    public static ModelZoo read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("model zoo " + dir + " is not a folder; give --zoo DIR (see models/zoo-v2/README.md)");
        }
        List<Entry> out = new ArrayList<>();
        Path runs = dir.resolve(RUNS);
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path card : s.filter(p -> !p.startsWith(runs) && p.getFileName().toString().endsWith(".card.json") && Files.isRegularFile(p))
                    .sorted().toList()) {
                out.add(entry(card));
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new BadInputException("cannot list the model zoo " + dir + ": " + e.getMessage());
        }
        out.sort(Comparator.comparing(Entry::dataset).thenComparing(Entry::arch).thenComparing(Entry::loss).thenComparingLong(Entry::seed));
        for (int i = 1; i < out.size(); i++) {
            Entry a = out.get(i - 1);
            Entry b = out.get(i);
            if (a.dataset().equals(b.dataset()) && a.arch().equals(b.arch()) && a.loss().equals(b.loss()) && a.seed() == b.seed()) {
                throw new BadInputException("model zoo " + dir + ": " + dir.relativize(a.card()) + " and " + dir.relativize(b.card())
                        + " are both " + a.label() + "; keep one");
            }
        }
        return new ModelZoo(dir, List.copyOf(out));
    }

    private static Entry entry(Path card) {
        String name = card.getFileName().toString();
        Path onnx = card.resolveSibling(name.substring(0, name.length() - ".card.json".length()) + ".onnx");
        JsonNode j;
        try {
            j = Json.mapper().readTree(card.toFile());
        } catch (IOException e) {
            throw new BadInputException("zoo card " + card + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        String arch = text(j, card, "arch");
        String dataset = datasetVersion(text(j, card, "dataset"), j.path("dataset_checksum").asText(""));
        String sha = text(j, card, "sha256");
        JsonNode loss = j.path("loss").path("spec");
        JsonNode patch = j.path("training").path("patch");
        if (!loss.isTextual() || !patch.isArray() || patch.size() != 3) {
            throw new BadInputException("zoo card " + card + " lacks loss.spec or training.patch [D,H,W]; it is not a card lossbench train wrote");
        }
        int[] p = new int[3];
        for (int i = 0; i < 3; i++) {
            p[i] = patch.get(i).asInt();
            if (p[i] < 1) {
                throw new BadInputException("zoo card " + card + " has a non-positive training.patch " + patch);
            }
        }
        Set<String> seen = new TreeSet<>();
        for (String part : List.of("train", "val")) {
            j.path("split").path(part).forEach(c -> seen.add(c.asText()));
        }
        String lossName;
        try {
            lossName = CompoundLoss.parse(loss.asText()).shortSpec();
        } catch (RuntimeException e) {
            throw new BadInputException("zoo card " + card + " has a loss spec lossbench cannot read (" + loss.asText() + "): " + e.getMessage());
        }
        JsonNode seed = j.get("seed");
        if (seed == null || !seed.canConvertToLong()) {
            throw new BadInputException("zoo card " + card + " lacks the training \"seed\"; it is not a card lossbench train wrote");
        }
        return new Entry(dataset, arch, lossName, seed.asLong(), onnx, card, p, sha, Set.copyOf(seen));
    }

    /**
     * The dataset a card's model was trained on, by the name that selects that data today: a built-in
     * phantom's name at training time may since have moved to a newer version ({@code phantom-lesions}
     * was version 1 until 2026-12-07), and the card's {@code dataset_checksum} says which version it
     * meant ({@code phantom-lesions@1}); any other name is kept as it is.
     */
    private static String datasetVersion(String name, String checksum) {
        return Phantoms.nameOfVersionWithHash(name, checksum).orElse(name);
    }

    private static String text(JsonNode j, Path card, String field) {
        JsonNode v = j.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new BadInputException("zoo card " + card + " lacks the field \"" + field + "\"; it is not a card lossbench train wrote");
        }
        return v.asText();
    }

    public Path dir() {
        return dir;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The model of {@code arch} trained with {@code loss} and {@code seed} on {@code dataset}. */
    public Optional<Entry> find(String dataset, String arch, String loss, long seed) {
        return entries.stream().filter(e -> e.dataset().equals(dataset) && e.arch().equals(arch) && e.loss().equals(loss)
                && e.seed() == seed).findFirst();
    }

    /** The losses of the zoo's models of {@code arch} trained on {@code dataset}, in the zoo's order, each once. */
    public List<String> losses(String dataset, String arch) {
        return entries.stream().filter(e -> e.dataset().equals(dataset) && e.arch().equals(arch)).map(Entry::loss).distinct().toList();
    }

    /** The training seeds of the zoo's models of {@code arch} trained with {@code loss} on {@code dataset}, ascending. */
    public List<Long> seeds(String dataset, String arch, String loss) {
        return entries.stream().filter(e -> e.dataset().equals(dataset) && e.arch().equals(arch) && e.loss().equals(loss))
                .map(Entry::seed).toList();
    }

    /** The datasets the zoo has models of {@code arch} for, in the zoo's order. */
    public List<String> datasets(String arch) {
        return entries.stream().filter(e -> e.arch().equals(arch)).map(Entry::dataset).distinct().toList();
    }
}
