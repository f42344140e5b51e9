package org.lossbench.datasets.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lossbench.core.BadInputException;

/** The on-disk layouts lossbench reads. */
public enum Layout {
    /** lossbench's own {@code dataset.json} ({@link DatasetSpec}). */
    LOSSBENCH,
    /** Medical Segmentation Decathlon: {@code dataset.json} with {@code modality}, {@code training}; {@code imagesTr}, {@code labelsTr}, {@code imagesTs}. */
    MSD,
    /** nnU-Net v2 raw: {@code dataset.json} with {@code channel_names}, {@code labels}, {@code file_ending}; {@code CASE_XXXX} channel files. */
    NNUNET,
    /**
     * A folder of NIfTI pairs without {@code dataset.json}: {@code images/} and {@code labels/} with
     * the same file names, or {@code NAME.nii.gz} next to {@code NAME_seg.nii.gz} (or {@code _label},
     * {@code _labels}, {@code _mask}, {@code _gt}).
     */
    FOLDER;

    /** A label file of the single-folder pair convention: group 1 is the image's name, group 3 the extension. */
    public static final java.util.regex.Pattern PAIR_LABEL_FILE =
            java.util.regex.Pattern.compile("(.+)_(seg|label|labels|mask|gt)(\\.nii(?:\\.gz)?)");

    private static boolean hasSuffixPairs(Path root) {
        try (java.util.stream.Stream<Path> files = Files.list(root)) {
            return files.anyMatch(f -> PAIR_LABEL_FILE.matcher(f.getFileName().toString()).matches());
        } catch (java.io.IOException e) {
            throw new BadInputException(root + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** Recognises the layout of the dataset at {@code root}. */
    public static Layout detect(Path root) {
        if (!Files.isDirectory(root)) {
            throw new BadInputException(root + ": not a folder; give the root folder of a dataset");
        }
        Path json = root.resolve("dataset.json");
        if (Files.isRegularFile(json)) {
            JsonNode node = SpecJson.readTree(json);
            if (!node.isObject()) {
                throw new BadInputException(json + ": expected a JSON object at the top level");
            }
            if (node.has("format")) {
                return LOSSBENCH;
            }
            if (node.has("channel_names")) {
                return NNUNET;
            }
            if (node.has("modality") || node.has("training")) {
                return MSD;
            }
            throw new BadInputException(json + ": neither a lossbench spec (\"format\"), an nnU-Net v2 dataset.json "
                    + "(\"channel_names\") nor a Medical Segmentation Decathlon one (\"modality\", \"training\")");
        }
        if (Files.isDirectory(root.resolve("images")) && Files.isDirectory(root.resolve("labels"))) {
            return FOLDER;
        }
        if (hasSuffixPairs(root)) {
            return FOLDER;
        }
        throw new BadInputException(root + ": no dataset.json, no images/ + labels/ folders and no NAME.nii.gz + NAME_seg.nii.gz "
                + "pairs; not a dataset lossbench can read");
    }
}
