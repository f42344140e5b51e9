package org.lossbench.datasets.loader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.nifti.NiftiReader;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.datasets.spec.CaseSpec;
import org.lossbench.datasets.spec.DatasetSpec;
import org.lossbench.datasets.spec.Layout;
import org.lossbench.datasets.spec.RelativePaths;

/**
 * Reads a plain folder of NIfTI pairs, in either of two conventions:
 * <ul>
 * <li>{@code images/NAME.nii[.gz]} and {@code labels/NAME.nii[.gz]} with the same file names;</li>
 * <li>one folder holding {@code NAME.nii[.gz]} and its label {@code NAME_SUFFIX.nii[.gz]}, the suffix
 *     being one of {@code seg}, {@code label}, {@code labels}, {@code mask}, {@code gt}.</li>
 * </ul>
 * Images may be 4D (one channel per modality); modalities are named {@code channel0..}, and the
 * labels {@code labelK} for the ids found in the label maps (which are all read once for that).
 */
final class FolderReader {
    private record Pair(String id, String image, String label) {
    }

    private FolderReader() {
    }

    static DatasetSpec read(Path root) {
        List<Pair> pairs = Files.isDirectory(root.resolve("images")) ? subfolderPairs(root) : suffixPairs(root);
        if (pairs.isEmpty()) {
            throw new BadInputException(root + ": no NIfTI image/label pairs found");
        }
        List<CaseSpec> cases = new ArrayList<>();
        SortedMap<Integer, String> labels = new TreeMap<>();
        labels.put(0, "background");
        for (Pair p : pairs) {
            cases.add(new CaseSpec(p.id(), List.of(p.image()), p.label()));
            LabelMap map;
            try {
                map = NiftiReader.readLabels(RelativePaths.resolve(root, p.label(), "label"));
            } catch (BadInputException e) {
                throw new BadInputException("case '" + p.id() + "': " + e.getMessage(), e);
            }
            for (int k : map.histogram().keySet()) {
                if (k < 0) {
                    throw new BadInputException("case '" + p.id() + "': " + p.label() + " holds the negative label " + k);
                }
                labels.putIfAbsent(k, "label" + k);
            }
        }
        int channels = NiftiReader.readHeader(RelativePaths.resolve(root, pairs.get(0).image(), "case '" + pairs.get(0).id() + "' image")).nt();
        List<String> modalities = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            modalities.add("channel" + c);
        }
        return new DatasetSpec(DatasetSpec.FORMAT,
                DatasetSpec.sanitizeName(root.toAbsolutePath().normalize().getFileName().toString()),
                "NIfTI folder " + root, modalities, labels, null, null, null, cases, null, null);
    }

    private static List<Pair> subfolderPairs(Path root) {
        List<String> images = list(root.resolve("images"));
        List<String> labelFiles = list(root.resolve("labels"));
        List<Pair> out = new ArrayList<>();
        for (String image : images) {
            String id = MsdReader.caseId(image);
            if (!labelFiles.contains(image)) {
                throw new BadInputException("case '" + id + "': images/" + image + " has no labels/" + image);
            }
            out.add(new Pair(id, "images/" + image, "labels/" + image));
        }
        for (String l : labelFiles) {
            if (!images.contains(l)) {
                throw new BadInputException("case '" + MsdReader.caseId(l) + "': labels/" + l + " has no images/" + l);
            }
        }
        return out;
    }

    private static List<Pair> suffixPairs(Path root) {
        List<String> files = list(root);
        List<Pair> out = new ArrayList<>();
        List<String> paired = new ArrayList<>();
        for (String f : files) {
            Matcher m = Layout.PAIR_LABEL_FILE.matcher(f);
            if (!m.matches()) {
                continue;
            }
            String id = m.group(1);
            String image = files.contains(id + ".nii.gz") ? id + ".nii.gz" : files.contains(id + ".nii") ? id + ".nii" : null;
            if (image == null) {
                throw new BadInputException("case '" + id + "': label " + f + " has no image " + id + m.group(3));
            }
            out.add(new Pair(id, image, f));
            paired.add(image);
            paired.add(f);
        }
        for (String f : files) {
            if (!paired.contains(f)) {
                throw new BadInputException("case '" + MsdReader.caseId(f) + "': image " + f
                        + " has no label (expected NAME_seg, _label, _labels, _mask or _gt next to it)");
            }
        }
        return out;
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
