package org.lossbench.datasets.loader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.lossbench.core.BadInputException;

/**
 * Whatever a dataset.json holds, opening the dataset either succeeds or fails with a
 * {@link BadInputException}; never with another exception (a crash with a stack trace).
 */
class DatasetJsonFuzzTest {
    private static final List<String> KEYS = List.of("format", "name", "description", "modalities", "labels", "spacing", "cases",
            "splits", "checksums", "modality", "training", "test", "channel_names", "file_ending", "numTraining", "images",
            "label", "image", "id", "train", "folds", "0", "1", "background");

    @Provide
    Arbitrary<String> json() {
        Arbitrary<String> scalar = Arbitraries.oneOf(Arbitraries.of("null", "true", "0", "-1", "1.5", "1e400", "\"\"",
                "\"lossbench-dataset/1\"", "\"../x\"", "\"/etc/passwd\"", "\"a.nii.gz\"", "\".nii.gz\"", "\"background\""),
                Arbitraries.strings().alpha().ofMaxLength(5).map(s -> "\"" + s + "\""));
        return Arbitraries.recursive(() -> scalar, this::container, 3);
    }

    private Arbitrary<String> container(Arbitrary<String> inner) {
        Arbitrary<String> array = inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> object = Arbitraries.maps(Arbitraries.of(KEYS), inner).ofMaxSize(5).map(m -> {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
            return b.append('}').toString();
        });
        return Arbitraries.oneOf(array, object, object);
    }

    @Property(tries = 200)
    void openingNeverCrashes(@ForAll("json") String text) throws Exception {
        Path root = Files.createTempDirectory("fuzz");
        try {
            Files.createDirectories(root.resolve("imagesTr"));
            Files.writeString(root.resolve("dataset.json"), text);
            try {
                Dataset.open(root);
            } catch (BadInputException expected) {
                // the only acceptable failure
            }
        } finally {
            try (Stream<Path> s = Files.walk(root)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
