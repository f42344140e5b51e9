package org.lossbench.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.lossbench.core.BadInputException;

/**
 * Pairs reference and prediction NIfTI files by case id, the file name without {@code .nii.gz}
 * or {@code .nii} (the nnU-Net and Medical Segmentation Decathlon convention: {@code labelsTr/x.nii.gz}
 * and {@code predictions/x.nii.gz}). Two files are one case; two folders are paired name by name,
 * and every prediction and every reference must have its partner.
 */
public final class CasePairs {
    /** One case. */
    public record Pair(String caseId, Path ref, Path pred) {
    }

    private CasePairs() {
    }

    /** Pairs {@code ref} and {@code pred}, each a file or a folder of NIfTI files. */
    public static List<Pair> of(Path ref, Path pred) {
        boolean refDir = Files.isDirectory(ref);
        boolean predDir = Files.isDirectory(pred);
        if (!Files.exists(ref)) {
            throw new BadInputException("reference " + ref + " does not exist");
        }
        if (!Files.exists(pred)) {
            throw new BadInputException("prediction " + pred + " does not exist");
        }
        if (refDir != predDir) {
            throw new BadInputException("--ref " + ref + " and --pred " + pred
                    + " must both be files or both be folders");
        }
        if (!refDir) {
            return List.of(new Pair(caseId(ref), ref, pred));
        }
        Map<String, Path> refs = list(ref);
        Map<String, Path> preds = list(pred);
        List<String> orphanPreds = preds.keySet().stream().filter(k -> !refs.containsKey(k)).toList();
        if (!orphanPreds.isEmpty()) {
            throw new BadInputException("predictions without a reference in " + ref + ": "
                    + names(orphanPreds, preds) + "; remove them or add their reference files");
        }
        List<String> orphanRefs = refs.keySet().stream().filter(k -> !preds.containsKey(k)).toList();
        if (!orphanRefs.isEmpty()) {
            throw new BadInputException("references without a prediction in " + pred + ": "
                    + names(orphanRefs, refs) + "; a missing prediction would silently drop the case from the statistics");
        }
        if (refs.isEmpty()) {
            throw new BadInputException("no .nii or .nii.gz files in " + ref);
        }
        List<Pair> out = new ArrayList<>();
        refs.forEach((id, r) -> out.add(new Pair(id, r, preds.get(id))));
        return out;
    }

    private static String names(List<String> ids, Map<String, Path> files) {
        List<String> shown = ids.stream().limit(10).map(id -> files.get(id).getFileName().toString()).toList();
        return String.join(", ", shown) + (ids.size() > 10 ? " and " + (ids.size() - 10) + " more" : "");
    }

    private static Map<String, Path> list(Path dir) {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(Files::isRegularFile).filter(CasePairs::isNifti).toList()) {
                Path previous = out.put(caseId(p), p);
                if (previous != null) {
                    throw new BadInputException("two files for case " + caseId(p) + " in " + dir + ": "
                            + previous.getFileName() + " and " + p.getFileName());
                }
            }
        } catch (IOException e) {
            throw new BadInputException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    static boolean isNifti(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".nii.gz") || n.endsWith(".nii");
    }

    /** File name without {@code .nii.gz} / {@code .nii}. */
    static String caseId(Path p) {
        String n = p.getFileName().toString();
        if (n.endsWith(".nii.gz")) {
            return n.substring(0, n.length() - 7);
        }
        return n.endsWith(".nii") ? n.substring(0, n.length() - 4) : n;
    }
}
