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
    /** A folder with {@code images/} and {@code labels/} holding NIfTI files of the same names. */
    FOLDER;

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
        throw new BadInputException(root + ": no dataset.json and no images/ + labels/ folders; not a dataset lossbench can read");
    }
}
