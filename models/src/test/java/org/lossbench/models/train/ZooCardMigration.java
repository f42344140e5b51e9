package org.lossbench.models.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.core.io.Json;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.datasets.phantom.Phantoms;
import org.lossbench.datasets.preprocess.PreprocessingRecord;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.models.arch.ModelCard;

/**
 * One-off migration (issue 16) of the zoo cards written before cards carried the preprocessing record:
 * adds the {@code preprocessing} field, right after {@code split} where {@code lossbench train} now writes
 * it, and changes nothing else (the {@code .onnx} files are untouched; their SHA-256 stays the card's).
 *
 * <p>The record is computed exactly as the trainer computed it: {@link TrainingData#load} of the card's
 * dataset with the card's {@code seed} (the training command splits with its seed), whose split must be
 * the card's {@code split} (same cases in the same order, so the CT statistics sum in the same order) and
 * whose phantom checksum must be the card's {@code dataset_checksum}. The dataset is the first built-in
 * phantom with that checksum, the card's {@code dataset} tried first, then {@code dataset@1}: the zoo was
 * trained on {@code phantom-lesions} v1 (checksum {@code bae73ace...}), which stays reachable as
 * {@code phantom-lesions@1} when a later generator takes the name over. {@code fitted_on} names the dataset
 * as the card does.
 *
 * <p>Run (from the repository root; {@code tools/migrate_zoo_preprocessing.sh} does all three):
 * <pre>
 * mvn -B -ntp -o -q -pl models -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp models/target/test-classes:models/target/classes:$(cat models/target/cp.txt) \
 *      org.lossbench.models.train.ZooCardMigration models/zoo
 * </pre>
 * Cards that already have the field are left as they are.
 */
public final class ZooCardMigration {
    private final DatasetRegistry registry;
    private final Map<String, TrainingData> loaded = new HashMap<>();

    ZooCardMigration(DatasetRegistry registry) {
        this.registry = registry;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ZooCardMigration ZOO_DIR");
            System.exit(2);
        }
        Path tmp = Files.createTempDirectory("zoo-migration");
        ZooCardMigration m = new ZooCardMigration(new DatasetRegistry(tmp.resolve("registry.json")));
        List<Path> cards;
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            cards = s.filter(p -> p.getFileName().toString().endsWith(".card.json")).sorted().toList();
        }
        for (Path card : cards) {
            String before = Files.readString(card);
            String after = m.migrate(before, card);
            if (after.equals(before)) {
                System.out.println(card + ": already has a preprocessing record");
            } else {
                AtomicFiles.writeString(card, after);
                System.out.println(card + ": preprocessing record added");
            }
        }
    }

    /** The card text {@code text} of {@code card} with its preprocessing record; unchanged when it has one. */
    String migrate(String text, Path card) {
        ObjectNode j;
        try {
            j = (ObjectNode) Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (j.has("preprocessing")) {
            return text;
        }
        if (!write(j).equals(text)) {
            throw new IllegalStateException(card + " does not read back to its own bytes; migrate it by hand");
        }
        Path onnx = card.resolveSibling(card.getFileName().toString().replace(".card.json", ".onnx"));
        String sha = ModelCard.sha256(onnx);
        if (!sha.equals(j.path("sha256").asText())) {
            throw new IllegalStateException(onnx + " has SHA-256 " + sha + ", its card " + j.path("sha256").asText());
        }
        String checksum = j.path("dataset_checksum").asText();
        long seed = j.path("seed").asLong();
        String dataset = datasetWithChecksum(j.path("dataset").asText(), checksum, card);
        TrainingData data = loaded.computeIfAbsent(dataset + "#" + seed, k -> TrainingData.load(dataset, registry, seed));
        requireSame(card, "train", j.path("split").path("train"), data.train());
        requireSame(card, "val", j.path("split").path("val"), data.val());
        // fitted on the data the card names (under the name the card gives it, whatever it is called now)
        PreprocessingRecord record = data.preprocessing().withFittedOn(
                new PreprocessingRecord.FittedOn(j.path("dataset").asText(), checksum, data.train().size()));
        ObjectNode out = Json.mapper().createObjectNode();
        j.properties().forEach(e -> {
            out.set(e.getKey(), e.getValue());
            if (e.getKey().equals("split")) {
                out.set("preprocessing", record.toJsonTree());
            }
        });
        if (!out.has("preprocessing")) {
            throw new IllegalStateException(card + " has no split");
        }
        return write(out);
    }

    /** The card as {@code lossbench train} writes it: Jackson's default pretty printer and two newlines. */
    static String write(JsonNode card) {
        return Json.pretty(card) + "\n";
    }

    private static String datasetWithChecksum(String named, String checksum, Path card) {
        // the card's name, then its first version's name (a phantom whose generator changed keeps v1 as NAME@1), then every built-in
        List<String> candidates = new ArrayList<>(List.of(named, named + "@1"));
        candidates.addAll(Phantoms.names());
        return candidates.stream().filter(n -> Phantoms.referenceHash(n).orElse("").equals(checksum)).findFirst()
                .orElseThrow(() -> new IllegalStateException(card + ": no built-in phantom has the card's dataset checksum " + checksum
                        + " (tried " + candidates + ")"));
    }

    private static void requireSame(Path card, String part, JsonNode ids, List<LoadedCase> cases) {
        List<String> recorded = new ArrayList<>();
        ids.forEach(n -> recorded.add(n.asText()));
        List<String> loaded = cases.stream().map(LoadedCase::id).toList();
        if (!recorded.equals(loaded)) {
            throw new IllegalStateException(card + ": the " + part + " split " + recorded + " is not the one TrainingData.load gives " + loaded);
        }
    }
}
