package org.lossbench.datasets.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A dataset as lossbench describes it in {@code dataset.json} (format {@value #FORMAT}); every path is
 * relative to the dataset root. See docs/datasets.md for the schema.
 *
 * @param spacing    nominal voxel spacing {@code (sz, sy, sx)} mm, or {@code null} when cases differ
 * @param checksums  SHA-256 (hex) per relative file path; may be empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"format", "name", "description", "modalities", "labels", "spacing", "source", "licence", "cases", "splits", "checksums"})
public record DatasetSpec(String format, String name, String description, List<String> modalities,
                          SortedMap<Integer, String> labels, double[] spacing, String source, String licence,
                          List<CaseSpec> cases, Splits splits, SortedMap<String, String> checksums) {
    public static final String FORMAT = "lossbench-dataset/1";

    public DatasetSpec {
        modalities = modalities == null ? null : List.copyOf(modalities);
        labels = labels == null ? null : new TreeMap<>(labels);
        spacing = spacing == null ? null : spacing.clone();
        cases = cases == null ? null : List.copyOf(cases);
        splits = splits == null ? Splits.none() : splits;
        checksums = checksums == null ? new TreeMap<>() : new TreeMap<>(checksums);
    }

    /**
     * {@code raw} made into a valid dataset name (letters, digits, '.', '_', '-', starting with a
     * letter or digit) for names taken from third-party files or folder names: other characters
     * become '-'.
     */
    public static String sanitizeName(String raw) {
        String s = raw == null ? "" : raw.strip().replaceAll("[^A-Za-z0-9._-]", "-");
        return s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0)) ? "dataset-" + s : s;
    }

    /** A copy with other checksums. */
    public DatasetSpec withChecksums(SortedMap<String, String> c) {
        return new DatasetSpec(format, name, description, modalities, labels, spacing, source, licence, cases, splits, c);
    }

    /** A copy with other splits. */
    public DatasetSpec withSplits(Splits s) {
        return new DatasetSpec(format, name, description, modalities, labels, spacing, source, licence, cases, s, checksums);
    }

    /** The case with {@code id}, if any. */
    public java.util.Optional<CaseSpec> caseById(String id) {
        return cases.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
