package org.lossbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.eval.CasePairs;
import org.lossbench.eval.EmptyPolicy;
import org.lossbench.eval.EvalConfig;
import org.lossbench.core.progress.Progress;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.eval.Evaluation;
import org.lossbench.eval.Tolerances;
import org.lossbench.eval.lesion.Connectivity;
import org.lossbench.eval.lesion.Matching;
import org.lossbench.eval.lesion.SizeBins;
import org.lossbench.eval.report.ResultWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code lossbench evaluate}: per-class, surface-distance and lesion-wise metrics of predictions
 * against references, with statistics across cases. Definitions: docs/metrics.md.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate predicted label maps against references: per class Dice, IoU, precision, recall, volumes, "
                + "HD, HD95, ASSD, NSD (distances in mm); per lesion a table (size, position, match); per class lesion "
                + "detection and BraTS-style lesion-wise scores; statistics across cases, and per class the aggregated "
                + "Dice (DSCagg, volumes pooled over cases).",
            "Files are paired by case id (file name without .nii/.nii.gz). Writes cases.csv, lesions.csv, summary.csv, "
                + "summary.json and summary.md into --out, and prints summary.md. Definitions: docs/metrics.md."},
        footer = {"", EmptyPolicy.HELP_TABLE, EmptyPolicy.HELP_NOTES, "",
            "Exit codes: 0 ok; 2 bad option; 3 bad input (grid mismatch, unpaired file, label outside --labels, unreadable file)."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--ref", required = true, paramLabel = "DIR|FILE", description = "reference label map or folder of them")
    Path ref;

    @Option(names = "--pred", required = true, paramLabel = "DIR|FILE", description = "predicted label map or folder of them")
    Path pred;

    @Option(names = "--labels", split = ",", paramLabel = "L", description = "classes to evaluate (default: every non-zero label present); any other label is an error")
    List<Integer> labels;

    @Option(names = "--tolerance-mm", defaultValue = "2", paramLabel = "T[,L=T...]", description = "NSD tolerance in mm for every class, and optionally per class as L=T (default: ${DEFAULT-VALUE})")
    String tolerance;

    @Option(names = "--connectivity", defaultValue = "26", paramLabel = "6|18|26", description = "lesion connectivity (default: ${DEFAULT-VALUE})")
    int connectivity;

    @Option(names = "--match", defaultValue = "overlap", paramLabel = "overlap|iou:T", description = "lesion matching: greedy one-to-one by overlap, or maximum bipartite IoU matching at IoU >= T (default: ${DEFAULT-VALUE})")
    String match;

    @Option(names = "--size-bins", defaultValue = "3,6,12,24", paramLabel = "E1,E2,...", description = "lesion size-bin edges, equivalent diameter in mm (default: ${DEFAULT-VALUE})")
    String sizeBins;

    @Option(names = "--empty", defaultValue = "monai", paramLabel = "monai|nnunet|worst", description = "empty-case policy, see the table below (default: ${DEFAULT-VALUE})")
    String empty;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: number of processors)")
    Integer threads;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "seed of the bootstrap confidence intervals (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Override
    public Integer call() {
        EvalConfig config = config();
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + n);
        }
        List<CasePairs.Pair> pairs = CasePairs.of(ref, pred);
        AtomicFiles.checkFolder(out, "--out");
        Evaluation.Results results;
        try (Progress progress = Progress.start("evaluate", pairs.size())) {
            results = Evaluation.run(pairs, config, n, seed, progress::step);
        }
        Map<String, Object> provenance = new LinkedHashMap<>(Provenance.current().toMap());
        provenance.put("ref", ref.toAbsolutePath().toString());
        provenance.put("pred", pred.toAbsolutePath().toString());
        provenance.put("seed", seed);
        String md = ResultWriter.write(out, config, results.cases(), results.aggregation(), provenance);
        spec.commandLine().getOut().print(md);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private EvalConfig config() {
        if (labels != null && labels.contains(0)) {
            throw new ParameterException(spec.commandLine(), "--labels must not contain 0: label 0 is background and is not evaluated");
        }
        try {
            return EvalConfig.defaults()
                    .withLabels(labels)
                    .withTolerances(Tolerances.parse(tolerance))
                    .withConnectivity(Connectivity.of(connectivity))
                    .withMatching(Matching.parse(match))
                    .withSizeBins(SizeBins.parse(sizeBins))
                    .withEmptyPolicy(EmptyPolicy.parse(empty));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
