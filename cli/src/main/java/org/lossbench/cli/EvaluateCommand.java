package org.lossbench.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lossbench.cli.options.EvaluationOptions;
import org.lossbench.cli.options.WorkerThreadsOption;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.eval.CasePairs;
import org.lossbench.eval.EmptyPolicy;
import org.lossbench.eval.EvalConfig;
import org.lossbench.core.progress.Progress;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.eval.Evaluation;
import org.lossbench.eval.report.ResultWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    EvaluationOptions evaluation;

    @Mixin
    WorkerThreadsOption threads;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "seed of the bootstrap confidence intervals (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder")
    Path out;

    @Override
    public Integer call() {
        EvalConfig config;
        try {
            config = evaluation.config();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        List<CasePairs.Pair> pairs = CasePairs.of(ref, pred);
        AtomicFiles.checkFolder(out, "--out");
        Evaluation.Results results;
        try (Progress progress = Progress.start("evaluate", pairs.size())) {
            results = Evaluation.run(pairs, config, threads.threads(), seed, progress::step);
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
}
