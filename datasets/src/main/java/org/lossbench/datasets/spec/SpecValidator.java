package org.lossbench.datasets.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lossbench.core.BadInputException;

/**
 * Structural checks of a {@link DatasetSpec} that need no files: required fields, unique case ids,
 * image counts that fit the modalities, labels with a background, splits that name known cases,
 * and paths that stay inside the root. File-level checks are in the loader.
 */
public final class SpecValidator {
    private SpecValidator() {
    }

    /** Throws a {@link BadInputException} prefixed with {@code source} (e.g. the dataset.json path) at the first problem. */
    public static void validate(DatasetSpec spec, String source) {
        String at = source + ": ";
        if (!DatasetSpec.FORMAT.equals(spec.format())) {
            throw new BadInputException(at + "\"format\" must be \"" + DatasetSpec.FORMAT + "\", got " + quoted(spec.format()));
        }
        if (spec.name() == null || !spec.name().matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new BadInputException(at + "\"name\" must be a non-empty word of letters, digits, '.', '_' or '-', got "
                    + quoted(spec.name()));
        }
        if (spec.modalities() == null || spec.modalities().isEmpty()) {
            throw new BadInputException(at + "\"modalities\" must list at least one modality");
        }
        if (spec.labels() == null || !spec.labels().containsKey(0)) {
            throw new BadInputException(at + "\"labels\" must define 0 (background), got " + spec.labels());
        }
        if (spec.labels().values().stream().anyMatch(v -> v == null || v.isBlank())) {
            throw new BadInputException(at + "every label needs a name, got " + spec.labels());
        }
        if (spec.labels().keySet().stream().anyMatch(k -> k < 0)) {
            throw new BadInputException(at + "label ids must be >= 0, got " + spec.labels().keySet());
        }
        if (spec.spacing() != null && (spec.spacing().length != 3
                || java.util.Arrays.stream(spec.spacing()).anyMatch(s -> !(s > 0) || Double.isInfinite(s)))) {
            throw new BadInputException(at + "\"spacing\" must be three positive numbers (sz, sy, sx) in mm");
        }
        if (spec.cases() == null || spec.cases().isEmpty()) {
            throw new BadInputException(at + "\"cases\" must list at least one case");
        }
        Set<String> ids = new HashSet<>();
        for (CaseSpec c : spec.cases()) {
            if (c.id() == null || c.id().isBlank()) {
                throw new BadInputException(at + "a case has no \"id\"");
            }
            String where = at + "case '" + c.id() + "'";
            if (!ids.add(c.id())) {
                throw new BadInputException(where + ": duplicate case id");
            }
            if (c.images() == null || c.images().isEmpty()) {
                throw new BadInputException(where + ": no \"images\"");
            }
            if (c.images().size() != 1 && c.images().size() != spec.modalities().size()) {
                throw new BadInputException(where + ": " + c.images().size() + " image files for " + spec.modalities().size()
                        + " modalities; give one file per modality or one 4D file");
            }
            for (int m = 0; m < c.images().size(); m++) {
                RelativePaths.check(c.images().get(m), where + " image " + m);
            }
            if (c.label() != null) {
                RelativePaths.check(c.label(), where + " label");
            }
            if (c.extras() != null) {
                for (String e : c.extras()) {
                    RelativePaths.check(e, where + " extra file");
                }
            }
        }
        checkSplits(spec.splits(), ids, at);
        for (String path : spec.checksums().keySet()) {
            RelativePaths.check(path, at + "checksum entry");
            String sum = spec.checksums().get(path);
            if (sum == null || !sum.matches("[0-9a-f]{64}")) {
                throw new BadInputException(at + "checksum of '" + path + "' must be 64 lowercase hex digits (SHA-256)");
            }
        }
    }

    private static void checkSplits(Splits splits, Set<String> ids, String at) {
        Set<String> used = new HashSet<>();
        checkGroup("train", splits.train(), ids, used, at);
        checkGroup("val", splits.val(), ids, used, at);
        checkGroup("test", splits.test(), ids, used, at);
        Set<String> inFolds = new HashSet<>();
        for (int f = 0; f < splits.folds().size(); f++) {
            for (String id : splits.folds().get(f)) {
                if (!ids.contains(id)) {
                    throw new BadInputException(at + "fold " + f + " names unknown case '" + id + "'");
                }
                if (!inFolds.add(id)) {
                    throw new BadInputException(at + "case '" + id + "' is in more than one fold");
                }
            }
        }
    }

    private static void checkGroup(String name, List<String> members, Set<String> ids, Set<String> used, String at) {
        for (String id : members) {
            if (!ids.contains(id)) {
                throw new BadInputException(at + "split \"" + name + "\" names unknown case '" + id + "'");
            }
            if (!used.add(id)) {
                throw new BadInputException(at + "case '" + id + "' is in more than one of train/val/test");
            }
        }
    }

    private static String quoted(String s) {
        return s == null ? "nothing" : "\"" + s + "\"";
    }
}
