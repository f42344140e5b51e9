package org.lossbench.datasets.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.nifti.NiftiReader;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.datasets.spec.CaseSpec;
import org.lossbench.datasets.spec.DatasetSpec;

/**
 * Reads a plain folder of NIfTI pairs: {@code images/NAME.nii[.gz]} and {@code labels/NAME.nii[.gz]}
 * with the same file names. Images may be 4D (one channel per modality); modalities are named
 * {@code channel0..}, and the label names {@code label1..} for the ids found in the label maps.
 */
final class FolderReader {
    private FolderReader() {
    }

    static DatasetSpec read(Path root) {
        List<String> images = list(root.resolve("images"));
        List<String> labelFiles = list(root.resolve("labels"));
        if (images.isEmpty()) {
            throw new BadInputException(root.resolve("images") + ": no .nii or .nii.gz files");
        }
        List<CaseSpec> cases = new ArrayList<>();
        SortedMap<Integer, String> labels = new TreeMap<>();
        labels.put(0, "background");
        for (String image : images) {
            String id = MsdReader.caseId(image);
            if (!labelFiles.contains(image)) {
                throw new BadInputException("case '" + id + "': images/" + image + " has no labels/" + image);
            }
            cases.add(new CaseSpec(id, List.of("images/" + image), "labels/" + image));
            LabelMap map = NiftiReader.readLabels(root.resolve("labels").resolve(image));
            for (int k : map.histogram().keySet()) {
                if (k < 0) {
                    throw new BadInputException(root.resolve("labels").resolve(image) + ": negative label " + k);
                }
                labels.putIfAbsent(k, "label" + k);
            }
        }
        for (String l : labelFiles) {
            if (!images.contains(l)) {
                throw new BadInputException("case '" + MsdReader.caseId(l) + "': labels/" + l + " has no images/" + l);
            }
        }
        int channels = NiftiReader.readHeader(root.resolve("images").resolve(images.get(0))).nt();
        List<String> modalities = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            modalities.add("channel" + c);
        }
        return new DatasetSpec(DatasetSpec.FORMAT, root.getFileName().toString(), "NIfTI folder " + root, modalities, labels,
                null, null, null, cases, null, null);
    }

    private static List<String> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".nii") || n.endsWith(".nii.gz"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new BadInputException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }
}
