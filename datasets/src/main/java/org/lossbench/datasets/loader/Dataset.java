package org.lossbench.datasets.loader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.nifti.NiftiReader;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.datasets.spec.CaseSpec;
import org.lossbench.datasets.spec.ChecksumFile;
import org.lossbench.datasets.spec.DatasetSpec;
import org.lossbench.datasets.spec.Layout;
import org.lossbench.datasets.spec.RelativePaths;
import org.lossbench.datasets.spec.SpecJson;
import org.lossbench.datasets.spec.SpecValidator;
import org.lossbench.datasets.spec.SplitFile;

/**
 * A dataset on disk: its root, layout and {@link DatasetSpec}. Cases are read on demand and checked
 * as they are read: every file present, every modality and the label on one grid (within
 * {@value #GRID_TOLERANCE_MM} mm), channel counts that fit the modalities, finite intensities, and
 * labels that the spec defines. Every problem is a {@link BadInputException} naming the case and the file.
 *
 * <p>A folder that carries a {@link ChecksumFile} ({@code SHA256SUMS}) is checked against it: opening
 * requires every listed file to exist and checks the SHA-256 of {@code dataset.json} and {@code split.json}
 * before they are read, and {@link #load} checks each case file's SHA-256 before reading it. A
 * {@link SplitFile} ({@code split.json}) in the folder replaces the splits the layout gives.
 */
public final class Dataset {
    /** Largest difference in spacing or affine entries (mm) for two grids to count as the same. */
    public static final double GRID_TOLERANCE_MM = 1e-3;

    private final Path root;
    private final Layout layout;
    private final DatasetSpec spec;
    private final RecordedChecksums recorded;

    private Dataset(Path root, Layout layout, DatasetSpec spec, RecordedChecksums recorded) {
        this.root = root;
        this.layout = layout;
        this.spec = spec;
        this.recorded = recorded;
    }

    /** Opens the dataset at {@code root}, recognising its layout. */
    public static Dataset open(Path root) {
        return open(root, Layout.detect(root));
    }

    /** Opens the dataset at {@code root} in the given layout and validates its spec. */
    public static Dataset open(Path root, Layout layout) {
        if (!Files.isDirectory(root)) {
            throw new BadInputException(root + ": not a folder; give the root folder of a dataset");
        }
        RecordedChecksums recorded = RecordedChecksums.of(root);
        recorded.requireAllPresent();
        recorded.check("dataset.json");
        recorded.check(SplitFile.NAME);
        DatasetSpec spec = switch (layout) {
            case LOSSBENCH -> SpecJson.read(root.resolve("dataset.json"), DatasetSpec.class);
            case MSD -> MsdReader.read(root);
            case NNUNET -> NnUnetReader.read(root);
            case FOLDER -> FolderReader.read(root);
        };
        String source = layout == Layout.FOLDER ? root.toString() : root.resolve("dataset.json").toString();
        Optional<SplitFile> split = SplitFile.read(root);
        if (split.isPresent()) {
            spec = spec.withSplits(split.get().splits());
            source = source + " with " + root.resolve(SplitFile.NAME);
        }
        SpecValidator.validate(spec, source);
        return new Dataset(root, layout, spec, recorded);
    }

    public Path root() {
        return root;
    }

    public Layout layout() {
        return layout;
    }

    public DatasetSpec spec() {
        return spec;
    }

    /** Reads and checks the case with {@code id}. */
    public LoadedCase load(String id) {
        return load(spec.caseById(id).orElseThrow(() -> new BadInputException(
                "dataset '" + spec.name() + "' has no case '" + id + "'")));
    }

    /** Reads and checks one case. */
    public LoadedCase load(CaseSpec c) {
        String where = "dataset '" + spec.name() + "', case '" + c.id() + "'";
        int modalities = spec.modalities().size();
        List<ImageVolume> parts = new ArrayList<>();
        for (int m = 0; m < c.images().size(); m++) {
            Path file = existing(c.images().get(m), where + " image " + m);
            recorded.check(c.images().get(m));
            ImageVolume part = read(() -> NiftiReader.readImage(file), where);
            part.requireFinite(where + ": " + c.images().get(m));
            int expected = c.images().size() == 1 ? modalities : 1;
            if (part.channels() != expected) {
                throw new BadInputException(where + ": " + c.images().get(m) + " has " + part.channels() + " channel(s), expected "
                        + expected + " (the spec lists " + modalities + " modalities)");
            }
            if (!parts.isEmpty() && !part.grid().matches(parts.get(0).grid(), GRID_TOLERANCE_MM)) {
                throw new BadInputException(where + ": " + c.images().get(m) + " is not on the grid of " + c.images().get(0) + ": "
                        + part.grid().describeMismatch(parts.get(0).grid(), GRID_TOLERANCE_MM));
            }
            parts.add(part);
        }
        ImageVolume image = parts.size() == 1 ? parts.get(0) : stack(parts);
        LabelMap label = null;
        if (c.label() != null) {
            Path file = existing(c.label(), where + " label");
            recorded.check(c.label());
            label = read(() -> NiftiReader.readLabels(file), where);
            if (!label.grid().matches(image.grid(), GRID_TOLERANCE_MM)) {
                throw new BadInputException(where + ": label " + c.label() + " is not on the grid of image " + c.images().get(0) + ": "
                        + label.grid().describeMismatch(image.grid(), GRID_TOLERANCE_MM));
            }
            for (int v : label.histogram().keySet()) {
                if (!spec.labels().containsKey(v)) {
                    throw new BadInputException(where + ": label " + c.label() + " holds the value " + v
                            + ", which the spec does not define (defined: " + spec.labels().keySet() + ")");
                }
            }
        }
        return new LoadedCase(c.id(), image, label);
    }

    /** Checks that every file the spec names exists, without reading any; the first missing one is named. */
    public void checkFilesExist() {
        for (CaseSpec c : spec.cases()) {
            String where = "dataset '" + spec.name() + "', case '" + c.id() + "'";
            for (int m = 0; m < c.images().size(); m++) {
                existing(c.images().get(m), where + " image " + m);
            }
            if (c.label() != null) {
                existing(c.label(), where + " label");
            }
            if (c.extras() != null) {
                for (String e : c.extras()) {
                    existing(e, where + " extra file");
                }
            }
        }
    }

    /** Reads and checks the cases with {@code ids}, in order (e.g. a split's training cases). */
    public List<LoadedCase> loadAll(List<String> ids) {
        List<LoadedCase> out = new ArrayList<>();
        for (String id : ids) {
            out.add(load(id));
        }
        return out;
    }

    /** How many files the folder's own {@code SHA256SUMS} lists (0 without one). */
    public int recordedChecksums() {
        return recorded.size();
    }

    /** Reads and checks every case and verifies the checksums the spec and the folder's {@code SHA256SUMS} record; returns the number of cases. */
    public int verify() {
        return verify(java.util.Map.of());
    }

    /** As {@link #verify()}, also verifying {@code recorded} checksums (e.g. taken at registration). */
    public int verify(java.util.Map<String, String> recorded) {
        Checksums.verify(spec, root);
        Checksums.verify(recorded, root, spec.name());
        this.recorded.verifyAll();
        for (CaseSpec c : spec.cases()) {
            load(c);
        }
        return spec.cases().size();
    }

    /** Runs a reader, prefixing its {@link BadInputException} (which names the file) with the dataset and case. */
    private static <T> T read(java.util.function.Supplier<T> reader, String where) {
        try {
            return reader.get();
        } catch (BadInputException e) {
            throw new BadInputException(where + ": " + e.getMessage(), e);
        }
    }

    private Path existing(String relative, String where) {
        Path file = RelativePaths.resolve(root, relative, where);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(where + ": file " + relative + " is missing (looked for " + file + ")");
        }
        return file;
    }

    private static ImageVolume stack(List<ImageVolume> parts) {
        Grid grid = parts.get(0).grid();
        int n = grid.voxelCount();
        float[] data = new float[parts.size() * n];
        for (int m = 0; m < parts.size(); m++) {
            System.arraycopy(parts.get(m).data(), 0, data, m * n, n);
        }
        return new ImageVolume(grid, parts.size(), data);
    }
}
