package org.lossbench.models.infer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.nifti.NiftiReader;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;

/**
 * Groups NIfTI image files into inference cases, following the naming of the Medical Segmentation
 * Decathlon and nnU-Net: {@code CASE_0000.nii.gz}, {@code CASE_0001.nii.gz}, ... are the channels
 * (modalities) of case {@code CASE}, in index order, and the prediction is written as
 * {@code CASE.nii.gz} so that it pairs with the reference label map {@code CASE.nii.gz}. A file
 * without a four-digit channel suffix is a case of its own (it may be a 4D multi-channel file).
 */
public final class CaseFiles {
    private static final Pattern CHANNEL = Pattern.compile("(.+)_(\\d{4})");

    private CaseFiles() {
    }

    /** One case: its id and its channel files in channel order. */
    public record Case(String id, List<Path> channels) {
    }

    /** The cases of a file or a folder of {@code .nii} / {@code .nii.gz} files, sorted by id. */
    public static List<Case> list(Path input) {
        List<Path> files;
        if (Files.isRegularFile(input)) {
            files = List.of(input);
        } else if (Files.isDirectory(input)) {
            try (Stream<Path> s = Files.list(input)) {
                files = s.filter(p -> Files.isRegularFile(p) && stem(p) != null).sorted().toList();
            } catch (IOException e) {
                throw new BadInputException("cannot list " + input + ": " + e.getMessage(), e);
            }
            if (files.isEmpty()) {
                throw new BadInputException("folder " + input + " holds no NIfTI images (.nii or .nii.gz)");
            }
        } else {
            throw new BadInputException("input " + input + " does not exist; give a NIfTI file or a folder of them");
        }
        Map<String, TreeMap<Integer, Path>> byCase = new TreeMap<>();
        Map<String, Path> plain = new TreeMap<>();
        for (Path f : files) {
            String stem = stem(f);
            if (stem == null) {
                throw new BadInputException(f + " is not a NIfTI file (.nii or .nii.gz)");
            }
            Matcher m = CHANNEL.matcher(stem);
            if (m.matches()) {
                byCase.computeIfAbsent(m.group(1), k -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), f);
            } else {
                plain.put(stem, f);
            }
        }
        List<Case> cases = new ArrayList<>();
        for (var e : byCase.entrySet()) {
            if (plain.containsKey(e.getKey())) {
                throw new BadInputException("case " + e.getKey() + " is ambiguous: both " + plain.get(e.getKey())
                        + " and channel files such as " + e.getValue().firstEntry().getValue() + " exist");
            }
            List<Integer> indices = new ArrayList<>(e.getValue().keySet());
            for (int i = 0; i < indices.size(); i++) {
                if (indices.get(i) != i) {
                    throw new BadInputException("case " + e.getKey() + " has channel files " + indices
                            + "; channels must be numbered _0000, _0001, ... without gaps (missing _" + String.format("%04d", i) + ")");
                }
            }
            cases.add(new Case(e.getKey(), List.copyOf(e.getValue().values())));
        }
        plain.forEach((id, f) -> cases.add(new Case(id, List.of(f))));
        cases.sort(java.util.Comparator.comparing(Case::id));
        return cases;
    }

    /**
     * The case's image with its channels stacked in order. Every channel file must be on the grid
     * of the first (shape, spacing and affine within 1e-4 mm) and hold only finite values; the result
     * is allocated once and filled one file at a time.
     */
    public static ImageVolume read(Case c) {
        List<Path> files = c.channels();
        if (files.size() == 1) {
            return readFinite(files.get(0));
        }
        long total = 0;
        for (Path p : files) {
            total += NiftiReader.readHeader(p).nt();
        }
        ImageVolume first = readFinite(files.get(0));
        long size = total * first.grid().voxelCount();
        if (size > Grid.MAX_VOXELS) {
            throw new BadInputException("case " + c.id() + ": " + total + " channels of " + first.grid().shapeString()
                    + " are more than one array holds");
        }
        float[] data = new float[(int) size];
        System.arraycopy(first.data(), 0, data, 0, first.data().length);
        int filled = first.data().length;
        for (int i = 1; i < files.size(); i++) {
            ImageVolume v = readFinite(files.get(i));
            if (!v.grid().matches(first.grid(), 1e-4)) {
                throw new BadInputException("case " + c.id() + ": " + files.get(i) + " is not on the grid of " + files.get(0)
                        + " (" + v.grid().describeMismatch(first.grid(), 1e-4) + ")");
            }
            System.arraycopy(v.data(), 0, data, filled, v.data().length);
            filled += v.data().length;
        }
        return new ImageVolume(first.grid(), (int) total, data);
    }

    private static ImageVolume readFinite(Path file) {
        ImageVolume image = NiftiReader.readImage(file);
        image.requireFinite(file.toString());
        return image;
    }

    /** The file name without {@code .nii} or {@code .nii.gz}, or null for other files. */
    static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".nii.gz") ? n.substring(0, n.length() - 7) : n.endsWith(".nii") ? n.substring(0, n.length() - 4) : null;
    }
}
