package org.lossbench.cli.sweep;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.Json;
import org.lossbench.models.zoo.ModelZoo;

/**
 * A sweep: datasets x models x losses x seeds, with the training, inference and evaluation settings
 * shared by every cell. Read from JSON (snake_case, unknown fields are errors); every field is also a
 * flag of {@code lossbench sweep}, which overrides the file. {@link #resolved} fills the defaults and
 * checks the values; in a resolved spec only {@code training.lr}, {@code inference.roi},
 * {@code evaluation.labels} (meaning "the default") and the other mode's fields are null.
 *
 * @param mode ({@link SweepMode}) {@code zoo} (the shipped models of the model zoo, models/zoo-v2 by default; the default mode), {@code train} (train every
 *             cell with the trainer) or {@code external} (a loss name to ONNX file mapping, models
 *             trained elsewhere)
 * @param external loss name to ONNX file (external mode); relative paths are resolved against the
 *                 spec file's folder
 * @param zoo the zoo folder (zoo mode; default {@link ModelZoo#locate}); in a resolved spec absolute
 * @param splitSeed seed of the 60/20/20 split when the dataset carries none (the same for every cell,
 *                  so all cells of a dataset are evaluated on the same cases)
 * @param referenceLoss the loss every other is compared with (default: the first)
 */
@JsonIgnoreProperties({"slurm"}) // a spec file's Slurm resources: SlurmResources reads them
public record SweepSpec(String name, List<String> datasets, String split, Long splitSeed, List<String> models, List<String> losses,
                        List<Long> seeds, String mode, Map<String, String> external, String zoo, String referenceLoss, Training training,
                        Evaluation evaluation, Inference inference) {

    /** Training settings (train mode); as {@code lossbench train}'s options. */
    public record Training(Long steps, Integer batch, List<Integer> patch, String optimizer, Double lr, String schedule,
                           Double foregroundShare, Boolean augment) {
        Training resolved() {
            return new Training(steps == null ? 200L : steps, batch == null ? 2 : batch, patch == null ? List.of(32, 32, 32) : cube(patch),
                    optimizer == null ? "adam" : optimizer, lr, schedule == null ? "constant" : schedule,
                    foregroundShare == null ? 0.33 : foregroundShare, augment == null ? Boolean.TRUE : augment);
        }
    }

    /** Evaluation settings; as {@code lossbench evaluate}'s options (docs/metrics.md). */
    public record Evaluation(List<Integer> labels, String toleranceMm, Integer connectivity, String match, String empty, String sizeBins,
                             Long bootstrapSeed) {
        Evaluation resolved() {
            return new Evaluation(labels, toleranceMm == null ? "2" : toleranceMm, connectivity == null ? 26 : connectivity,
                    match == null ? "overlap" : match, empty == null ? "monai" : empty, sizeBins == null ? "3,6,12,24" : sizeBins,
                    bootstrapSeed == null ? 0L : bootstrapSeed);
        }
    }

    /**
     * Sliding-window inference settings; as {@code lossbench infer}'s options.
     *
     * @param roi window size; null: the training patch (train mode), else the model's fixed size, else 96^3
     * @param threads ONNX Runtime intra-op threads, 0 = its default (part of the cell's key: results may
     *                depend on it)
     * @param cpuRewrite {@code auto} (depth-major on the CPU when the model allows it), {@code none},
     *                   {@code conv2d} or {@code depth-major}, as {@code lossbench infer --cpu-rewrite}
     */
    public record Inference(List<Integer> roi, Double overlap, String device, Integer threads, Integer batch, String cpuRewrite) {
        Inference resolved() {
            if (threads != null && threads < 0) {
                throw usage("inference threads must be >= 0 (0 = ONNX Runtime's default), got " + threads);
            }
            return new Inference(roi == null ? null : cube(roi), overlap == null ? 0.5 : overlap, device == null ? "auto" : device,
                    threads == null ? 0 : threads, batch == null ? 1 : batch,
                    cpuRewrite == null ? "auto" : org.lossbench.models.infer.CpuRewrite.parse(cpuRewrite).label());
        }
    }

    /** Reads a spec file; external model paths become absolute, resolved against the file's folder. */
    public static SweepSpec read(Path file) {
        SweepSpec s;
        try {
            s = Json.mapper().readerFor(SweepSpec.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(Files.readString(file));
        } catch (IOException e) {
            throw new BadInputException("sweep spec " + file + ": " + e.getMessage().lines().findFirst().orElse("")
                    + "; see docs/sweep.md for the fields");
        }
        Path base = file.toAbsolutePath().getParent();
        if (s.zoo() != null) {
            s = s.withZoo(base.resolve(s.zoo()).normalize().toString());
        }
        if (s.external() == null) {
            return s;
        }
        Map<String, String> ext = new LinkedHashMap<>();
        s.external().forEach((k, v) -> ext.put(k, base.resolve(v).normalize().toString()));
        return s.withExternal(ext);
    }

    public static SweepSpec empty() {
        return new SweepSpec(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The spec with every default filled in, checked; usage errors name the field. */
    public SweepSpec resolved() {
        SweepMode m = resolvedMode();
        Map<String, String> ext = external == null ? Map.of() : external;
        SweepGrid g = SweepGrid.of(this, m, ext);
        g.checkMode(m, ext);
        String ref = referenceLoss == null ? g.losses().get(0) : referenceLoss;
        if (!g.losses().contains(ref)) {
            throw usage("reference loss '" + ref + "' is not among the losses " + g.losses());
        }
        String sp = split == null ? "test" : split;
        if (!sp.equals("test") && !sp.equals("val")) {
            throw usage("split must be test or val, got '" + sp + "'");
        }
        String n = name == null ? "sweep" : name;
        if (!n.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw usage("sweep name '" + n + "' must match [A-Za-z0-9][A-Za-z0-9._-]* (it names a folder)");
        }
        distinct("datasets", g.datasets());
        distinct("models", g.models());
        distinct("losses", g.losses());
        distinct("seeds", g.seeds());
        return new SweepSpec(n, g.datasets(), sp, splitSeed == null ? 0L : splitSeed, g.models(), g.losses(), g.seeds(), m.label(),
                m == SweepMode.EXTERNAL ? new LinkedHashMap<>(ext) : null, g.zooDir(), ref,
                m == SweepMode.TRAIN ? (training == null ? new Training(null, null, null, null, null, null, null, null) : training).resolved() : null,
                (evaluation == null ? new Evaluation(null, null, null, null, null, null, null) : evaluation).resolved(),
                (inference == null ? new Inference(null, null, null, null, null, null) : inference).resolved());
    }

    /** The mode given, else external when external models are, else zoo; a zoo folder needs zoo mode. */
    private SweepMode resolvedMode() {
        SweepMode m = mode != null ? SweepMode.parse(mode) : external != null && !external.isEmpty() ? SweepMode.EXTERNAL : SweepMode.ZOO;
        if (zoo != null && m != SweepMode.ZOO) {
            throw usage("a zoo folder is given but the mode is " + m + "; use --mode zoo");
        }
        return m;
    }

    public SweepSpec withExternal(Map<String, String> e) {
        return new SweepSpec(name, datasets, split, splitSeed, models, losses, seeds, mode, e, zoo, referenceLoss, training, evaluation, inference);
    }

    public SweepSpec withZoo(String z) {
        return new SweepSpec(name, datasets, split, splitSeed, models, losses, seeds, mode, external, z, referenceLoss, training, evaluation, inference);
    }

    private static void distinct(String what, List<?> values) {
        if (values.stream().distinct().count() != values.size()) {
            throw usage(what + " repeat an entry: " + values);
        }
    }

    static List<Integer> cube(List<Integer> size) {
        if ((size.size() != 1 && size.size() != 3) || size.stream().anyMatch(v -> v == null || v < 1)) {
            throw usage("sizes must be three positive numbers D,H,W (or one for a cube), got " + size);
        }
        return size.size() == 1 ? List.of(size.get(0), size.get(0), size.get(0)) : List.copyOf(size);
    }

    static LossbenchException usage(String message) {
        return new LossbenchException(ExitCode.USAGE, "sweep: " + message);
    }
}
