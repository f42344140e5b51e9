package org.lossbench.datasets.spec;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lossbench.core.BadInputException;

/**
 * A fixed train/val/test division stored next to a dataset as {@value #NAME} (format {@value #FORMAT}),
 * for layouts whose own {@code dataset.json} has no place for one (the Decathlon's lists only unlabelled
 * test images). When the file is there it replaces the layout's splits (docs/datasets.md). The
 * {@code procedure} and {@code seed} say how the lists were made, so that they can be checked; lossbench
 * reads only the lists.
 */
@JsonPropertyOrder({"format", "procedure", "seed", "train", "val", "test"})
public record SplitFile(String format, String procedure, Long seed, List<String> train, List<String> val, List<String> test) {
    /** The file's name inside a dataset folder. */
    public static final String NAME = "split.json";
    public static final String FORMAT = "lossbench-split/1";

    public SplitFile {
        train = train == null ? List.of() : List.copyOf(train);
        val = val == null ? List.of() : List.copyOf(val);
        test = test == null ? List.of() : List.copyOf(test);
    }

    /** The lists as {@link Splits}. */
    public Splits splits() {
        return new Splits(train, val, test, null);
    }

    /** {@code root}/{@value #NAME}, when the folder has one; a malformed file or another format is a {@link BadInputException}. */
    public static Optional<SplitFile> read(Path root) {
        Path file = root.resolve(NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        SplitFile s = SpecJson.read(file, SplitFile.class);
        if (!FORMAT.equals(s.format())) {
            throw new BadInputException(file + ": \"format\" must be \"" + FORMAT + "\", got " + s.format());
        }
        if (s.train().isEmpty()) {
            throw new BadInputException(file + ": \"train\" lists no case; a split file needs at least the training cases");
        }
        return Optional.of(s);
    }
}
