package org.lossbench.cli.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.lossbench.cli.report.OverlayCapture;
import org.lossbench.core.BadInputException;
import org.lossbench.core.engine.Device;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.datasets.loader.Dataset;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.datasets.phantom.PhantomDataset;
import org.lossbench.datasets.phantom.Phantoms;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.datasets.registry.RegistryEntry;
import org.lossbench.eval.CaseEvaluator;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassSeparability;
import org.lossbench.eval.EvalConfig;
import org.lossbench.eval.results.CellDocument;
import org.lossbench.eval.results.CellName;
import org.lossbench.eval.results.CellOutputs;
import org.lossbench.eval.results.CellTimings;
import org.lossbench.models.arch.ModelCard;
import org.lossbench.models.infer.CpuRewrite;
import org.lossbench.models.infer.Predictor;
import org.lossbench.models.infer.Segmentation;
import org.lossbench.models.train.TrainingData;

/**
 * Runs one cell as a pipeline of named steps, each timed into the cell's {@code timings.json}:
 * <ol>
 *   <li>{@link #loadCases load the cases} ({@code dataset_load_s}): the split's preprocessed cases, loaded
 *       once per runner and dataset;</li>
 *   <li>{@link #obtainModel obtain the model} from the mode's {@link ModelSource} ({@code train_s} in train
 *       mode): the zoo's model checked against its card, a model trained in the cell's folder (resuming
 *       an interrupted training) with its card, or the mapped ONNX file;</li>
 *   <li>{@link #openPredictor open the predictor} ({@code model_load_s}): the shared set-up of
 *       {@code lossbench infer} ({@link Predictor}), refusing a model whose class count is not the dataset's;</li>
 *   <li>{@link #segmentAndEvaluate segment and evaluate} every case ({@code inference_s}, {@code evaluation_s},
 *       also per case): the sliding-window segmentation, {@link CaseEvaluator}, the collapse diagnosis
 *       {@link ClassSeparability} and the report's slice crops;</li>
 *   <li>{@link #writeCell write the cell's files} ({@code write_s}; {@link CellFiles}), the done marker last.</li>
 * </ol>
 * A model whose output holds NaN or infinity, or whose class count differs from the dataset's, fails
 * its cell with a {@link BadInputException}.
 */
public final class CellRunner {
    private final SweepSpec spec;
    private final DatasetRegistry registry;
    private final ModelSource models;
    private final int threads;
    /** Loaded once per runner; the jobs of a runner share it (a job that needs a dataset another job loads waits for it). */
    private final Map<String, TrainingData> datasets = new ConcurrentHashMap<>();

    /**
     * A runner for the cells of the resolved {@code spec}; zoo mode reads the zoo here, once for all cells.
     * Several jobs may run cells through it at once.
     *
     * @param threads the ONNX Runtime intra-op threads of every session it opens ({@link SweepJobs#threads()})
     */
    public CellRunner(SweepSpec spec, DatasetRegistry registry, int threads) {
        this.spec = spec;
        this.registry = registry;
        this.threads = threads;
        this.models = SweepMode.of(spec).source(spec, threads);
    }

    /** A cell's dataset and the cases of its split that it evaluates. */
    private record CellCases(TrainingData data, List<LoadedCase> cases) {
    }

    /**
     * Runs {@code cell} into {@code files}; throws on failure (the caller records it).
     *
     * @return the cell's wall-clock seconds by stage, as in its {@code timings.json}
     */
    public Map<String, Double> run(Cell cell, CellFiles files) {
        StageClock clock = new StageClock();
        CellCases in = clock.time("dataset_load_s", () -> loadCases(cell));
        Device device = Device.parse(spec.inference().device());
        ModelSource.CellModel model = obtainModel(cell, in, files, clock);
        CellOutput out = segmentAndEvaluate(cell, in, model, device, clock);
        return writeCell(files, out, clock);
    }

    /** Step 1: the cell's dataset (loaded once per runner) and its split's cases; a split without cases is bad input. */
    private CellCases loadCases(Cell cell) {
        TrainingData data = datasets.computeIfAbsent(cell.dataset(), d -> TrainingData.load(d, registry, spec.splitSeed()));
        List<LoadedCase> cases = spec.split().equals("val") ? data.val() : data.test();
        if (cases.isEmpty()) {
            throw new BadInputException("dataset " + cell.dataset() + " has no labelled cases in its " + spec.split()
                    + " split; pick another --split or dataset");
        }
        return new CellCases(data, cases);
    }

    /** Step 2: the cell's model from the mode's source; a model trained here records {@code train_s}. */
    private ModelSource.CellModel obtainModel(Cell cell, CellCases in, CellFiles files, StageClock clock) {
        ModelSource.CellModel model = models.obtain(cell, in.data(), in.cases(), files.dir());
        if (model.trainSeconds() != null) {
            clock.record("train_s", model.trainSeconds());
        }
        return model;
    }

    /** Steps 3 and 4: opens the predictor, segments and evaluates every case, and collects what the cell's files hold. */
    private CellOutput segmentAndEvaluate(Cell cell, CellCases in, ModelSource.CellModel model, Device device, StageClock clock) {
        EvalConfig ec = SweepSettings.evalConfig(spec.evaluation(), in.data().classes());
        try (Predictor predictor = clock.time("model_load_s", () -> openPredictor(cell, model, device, in.data()))) {
            CaseLoop loop = new CaseLoop(new CaseEvaluator(ec), ec.labels().stream().mapToInt(Integer::intValue).toArray());
            for (LoadedCase c : in.cases()) {
                loop.run(cell, c, predictor, model.file());
            }
            clock.record("inference_s", loop.inferS);
            clock.record("evaluation_s", loop.evalS);
            Map<String, Object> prov = provenance(cell, model, predictor, in.data());
            return new CellOutput(cell, in.cases().stream().map(LoadedCase::id).toList(), labelNames(cell.dataset()), prov, loop.results,
                    loop.separability, loop.overlays, predictor.device().toString(), loop.caseSeconds);
        }
    }

    /** Step 3: the shared predictor with the sweep's inference settings; the model must give the dataset's classes. */
    private Predictor openPredictor(Cell cell, ModelSource.CellModel model, Device device, TrainingData data) {
        SweepSpec.Inference inf = spec.inference();
        Path file = model.file();
        return Predictor.builder(file).device(device).threads(threads)
                .window(inf.roi() == null ? null : inf.roi().stream().mapToInt(Integer::intValue).toArray())
                .defaultWindow(model.defaultWindow()).overlap(inf.overlap()).batch(inf.batch()).probabilities(true)
                .cpuRewrite(CpuRewrite.parse(inf.cpuRewrite())).usagePrefix("sweep: inference settings: ")
                .check(contract -> {
                    if (contract.classes() != data.classes()) {
                        throw new BadInputException("model " + file + " gives " + contract.classes() + " classes but dataset " + cell.dataset()
                                + " has " + data.classes() + " (background included); map a model trained on this dataset");
                    }
                })
                .open();
    }

    /** Step 4, case by case: segmentation, evaluation, collapse diagnosis and slice crops, each case timed. */
    private static final class CaseLoop {
        private final CaseEvaluator evaluator;
        private final int[] evaluated;
        private final List<CaseResult> results = new ArrayList<>();
        private final List<ClassSeparability> separability = new ArrayList<>();
        private final OverlayCapture overlays = new OverlayCapture();
        private final List<CellTimings.Case> caseSeconds = new ArrayList<>();
        private double inferS;
        private double evalS;

        CaseLoop(CaseEvaluator evaluator, int[] evaluated) {
            this.evaluator = evaluator;
            this.evaluated = evaluated;
        }

        void run(Cell cell, LoadedCase c, Predictor predictor, Path model) {
            long ti = System.nanoTime();
            Segmentation seg = predictor.predict(c.image(), cell.dataset() + "/" + c.id());
            double caseInfer = StageClock.since(ti);
            long te = System.nanoTime();
            CaseResult result = evaluator.evaluate(c.id(), c.label(), seg.labels(), "reference " + c.id(), "prediction of " + model.getFileName());
            results.add(result);
            separability.addAll(ClassSeparability.of(c.id(), seg.probabilities(), c.label(), evaluated));
            double caseEval = StageClock.since(te);
            overlays.add(c.image(), c.label(), seg.labels(), result);
            inferS += caseInfer;
            evalS += caseEval;
            caseSeconds.add(new CellTimings.Case(c.id(), caseEval, caseInfer));
        }
    }

    /**
     * Step 5: writes the cell's files, each atomically: the tables, the slice crops and {@code cell.json}
     * (timed as {@code write_s}), then {@code timings.json} and last the done marker.
     *
     * @return the cell's seconds by stage, {@code total_s} included
     */
    private static Map<String, Double> writeCell(CellFiles files, CellOutput out, StageClock clock) {
        Cell cell = out.cell();
        long tw = System.nanoTime();
        CellOutputs.write(files.dir(), new CellName(cell.dataset(), cell.model(), cell.loss(), cell.seed()), out.results(), out.separability(),
                out.overlays().file().json(), new CellDocument(out.cases(), cell.config(), cell.key(), out.labelNames(), out.provenance()));
        clock.record("write_s", StageClock.since(tw));
        Map<String, Double> seconds = clock.total();
        new CellTimings(out.caseSeconds(), out.device(), cell.key(), seconds).write(files.dir());
        files.markDone(cell);
        return seconds;
    }

    /** The dataset's class names by label value (background left out). */
    private Map<String, String> labelNames(String dataset) {
        java.util.SortedMap<Integer, String> labels = Phantoms.find(dataset).map(PhantomDataset::labels).orElseGet(() -> {
            RegistryEntry e = registry.find(dataset).orElseThrow();
            return Dataset.open(Path.of(e.root()), e.layout()).spec().labels();
        });
        Map<String, String> out = new TreeMap<>();
        labels.forEach((k, v) -> {
            if (k != 0) {
                out.put(Integer.toString(k), v);
            }
        });
        return out;
    }

    /** The cell document's provenance: dataset, model file and hash, seeds, device, this installation. */
    private Map<String, Object> provenance(Cell cell, ModelSource.CellModel model, Predictor predictor, TrainingData data) {
        Map<String, Object> p = new TreeMap<>();
        p.put("dataset", cell.dataset());
        p.put("dataset_checksum", cell.config().get("dataset_checksum"));
        p.put("model_file", model.provenanceName());
        p.put("model_sha256", ModelCard.sha256(model.file()));
        p.put("seed", cell.seed());
        p.put("split_seed", spec.splitSeed());
        p.put("bootstrap_seed", spec.evaluation().bootstrapSeed());
        p.put("execution_provider", predictor.device().provider());
        p.put("device", predictor.device().toString());
        p.putAll(Provenance.current().toMap());
        p.put("train_cases", data.train().size());
        p.put("cpu_rewrite_applied", predictor.rewritten());
        return p;
    }
}
