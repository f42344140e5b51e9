package org.lossbench.cli.sweep;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lossbench.cli.report.OverlayCapture;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.engine.Sessions;
import org.lossbench.core.provenance.Provenance;
import org.lossbench.datasets.loader.Dataset;
import org.lossbench.datasets.loader.LoadedCase;
import org.lossbench.datasets.phantom.PhantomDataset;
import org.lossbench.datasets.phantom.Phantoms;
import org.lossbench.datasets.spec.RegistryEntry;
import org.lossbench.datasets.spec.DatasetRegistry;
import org.lossbench.eval.CaseEvaluator;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassSeparability;
import org.lossbench.eval.EvalConfig;
import org.lossbench.eval.results.CellDocument;
import org.lossbench.eval.results.CellName;
import org.lossbench.eval.results.CellOutputs;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.arch.ModelCard;
import org.lossbench.models.infer.Blend;
import org.lossbench.models.infer.CpuRewrite;
import org.lossbench.models.infer.ModelContract;
import org.lossbench.models.infer.Segmentation;
import org.lossbench.models.infer.SlidingWindowConfig;
import org.lossbench.models.infer.SlidingWindowInferer;
import org.lossbench.models.train.LrSchedule;
import org.lossbench.models.train.ModelSpec;
import org.lossbench.models.train.Optimizer;
import org.lossbench.models.train.Trainer;
import org.lossbench.models.train.TrainingConfig;
import org.lossbench.models.train.TrainingData;
import org.lossbench.models.zoo.ModelZoo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one cell: obtains its model (the zoo's model in zoo mode, its SHA-256 checked against its card;
 * trains it with {@link Trainer} in train mode, resuming from the cell's checkpoint after an
 * interruption; the mapped ONNX file in external mode), segments the
 * split's cases with {@link SlidingWindowInferer}, evaluates each with {@link CaseEvaluator} and its
 * probabilities with {@link ClassSeparability} (the collapse diagnosis), and
 * writes the cell's files ({@link CellFiles}), the done marker last. Loading (dataset and model
 * session), training, inference and evaluation are timed separately into {@code timings.json}, and
 * inference and evaluation also per case (the samples the regression gate's timing rule needs).
 *
 * <p>Datasets are loaded once per runner (the same preprocessed cases serve every cell of a dataset).
 * A model whose output holds NaN or infinity, or whose class count differs from the dataset's, fails
 * its cell with a {@link BadInputException}.
 */
public final class CellRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CellRunner.class);

    private final SweepSpec spec;
    private final DatasetRegistry registry;
    private final Map<String, TrainingData> datasets = new HashMap<>();
    /** Zoo mode: the zoo, read once for all cells; null in the other modes. */
    private final ModelZoo zoo;

    public CellRunner(SweepSpec spec, DatasetRegistry registry) {
        this.spec = spec;
        this.registry = registry;
        this.zoo = spec.mode().equals(SweepSpec.ZOO) ? ModelZoo.read(Path.of(spec.zoo())) : null;
    }

    /**
     * Runs {@code cell} into {@code files}; throws on failure (the caller records it).
     *
     * @return the cell's wall-clock seconds by stage, as in its {@code timings.json}
     */
    public Map<String, Double> run(Cell cell, CellFiles files) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        TrainingData data = datasets.computeIfAbsent(cell.dataset(), d -> TrainingData.load(d, registry, spec.splitSeed()));
        List<LoadedCase> cases = spec.split().equals("val") ? data.val() : data.test();
        if (cases.isEmpty()) {
            throw new BadInputException("dataset " + cell.dataset() + " has no labelled cases in its " + spec.split()
                    + " split; pick another --split or dataset");
        }
        seconds.put("dataset_load_s", since(t0));
        SweepSpec.Inference inf = spec.inference();
        SessionConfig sc = SessionConfig.defaults(Device.parse(inf.device())).withThreads(inf.threads()).withOptLevel(OptLevel.ALL_OPT);
        Path model;
        int[] defaultRoi = null;
        if (spec.mode().equals(SweepSpec.TRAIN)) {
            long tt = System.nanoTime();
            TrainingConfig tc = trainingConfig(cell, data);
            model = train(tc, data, files.dir().resolve("train"));
            defaultRoi = tc.patch();
            seconds.put("train_s", since(tt));
        } else if (zoo != null) {
            ModelZoo.Entry e = zoo.find(cell.dataset(), cell.model(), cell.loss(), cell.seed())
                    .orElseThrow(() -> new BadInputException("the model zoo " + spec.zoo() + " no longer has the model of " + cell.label()));
            Object planned = cell.config().get("model_sha256"); // hashed from the file by SweepPlan
            e.verify(planned instanceof String h && !h.startsWith("missing:") ? h : null);
            List<String> seen = cases.stream().map(LoadedCase::id).filter(e.seen()::contains).toList();
            if (!seen.isEmpty()) {
                throw new BadInputException("the zoo model " + e.file().getFileName() + " was trained or selected on " + seen
                        + ", which this sweep evaluates; evaluate on the split it was trained with (--split test --split-seed 0)");
            }
            model = e.file();
            defaultRoi = e.patch();
        } else {
            model = Path.of(cell.modelFile());
            if (!Files.isRegularFile(model)) {
                throw new BadInputException("model file " + model + " for loss " + cell.loss() + " does not exist; fix the external mapping");
            }
        }
        long tl = System.nanoTime();
        EvalConfig ec = SweepSettings.evalConfig(spec.evaluation(), data.classes());
        CaseEvaluator evaluator = new CaseEvaluator(ec);
        List<CaseResult> results = new ArrayList<>();
        List<ClassSeparability> separability = new ArrayList<>();
        int[] evaluated = ec.labels().stream().mapToInt(Integer::intValue).toArray();
        List<Map<String, Object>> caseSeconds = new ArrayList<>();
        double inferS = 0;
        double evalS = 0;
        String device;
        EngineSession plain = Sessions.open(model, sc);
        EngineSession opened;
        int[] roi;
        try {
            ModelContract plainContract = ModelContract.check(plain.session(), model.toString());
            if (plainContract.classes() != data.classes()) {
                throw new BadInputException("model " + model + " gives " + plainContract.classes() + " classes but dataset " + cell.dataset()
                        + " has " + data.classes() + " (background included); map a model trained on this dataset");
            }
            roi = inf.roi() != null ? inf.roi().stream().mapToInt(Integer::intValue).toArray()
                    : plainContract.fixedSpatial() != null ? plainContract.fixedSpatial() : defaultRoi != null ? defaultRoi : new int[] {96, 96, 96};
            opened = CpuRewrite.parse(inf.cpuRewrite()).apply(model, plain, sc, roi, inf.batch());
        } catch (RuntimeException e) {
            plain.close();
            throw e;
        }
        boolean rewritten = opened != plain;
        try (EngineSession engine = opened) {
            ModelContract contract = ModelContract.check(engine.session(), model.toString());
            SlidingWindowConfig swc;
            try {
                swc = new SlidingWindowConfig(roi, inf.overlap(), Blend.GAUSSIAN, 0.125, inf.batch(), false, true);
            } catch (IllegalArgumentException e) {
                throw new LossbenchException(ExitCode.USAGE, "sweep: inference settings: " + e.getMessage());
            }
            device = engine.device().toString();
            seconds.put("model_load_s", since(tl));
            OverlayCapture overlays = new OverlayCapture();
            try (SlidingWindowInferer inferer = new SlidingWindowInferer(engine, contract, swc)) {
                for (LoadedCase c : cases) {
                    long ti = System.nanoTime();
                    Segmentation seg = inferer.infer(c.image(), cell.dataset() + "/" + c.id());
                    double caseInfer = since(ti);
                    long te = System.nanoTime();
                    results.add(evaluator.evaluate(c.id(), c.label(), seg.labels(), "reference " + c.id(), "prediction of " + model.getFileName()));
                    separability.addAll(ClassSeparability.of(c.id(), seg.probabilities(), c.label(), evaluated));
                    double caseEval = since(te);
                    overlays.add(c.image(), c.label(), seg.labels(), results.get(results.size() - 1));
                    inferS += caseInfer;
                    evalS += caseEval;
                    Map<String, Object> cs = new LinkedHashMap<>();
                    cs.put("case", c.id());
                    cs.put("inference_s", caseInfer);
                    cs.put("evaluation_s", caseEval);
                    caseSeconds.add(cs);
                }
            }
            seconds.put("inference_s", inferS);
            seconds.put("evaluation_s", evalS);
            Map<String, Object> prov = provenance(cell, model, engine, data);
            prov.put("cpu_rewrite_applied", rewritten);
            long tw = System.nanoTime();
            CellOutputs.write(files.dir(), new CellName(cell.dataset(), cell.model(), cell.loss(), cell.seed()), results, separability,
                    overlays.file().json(), new CellDocument(cases.stream().map(LoadedCase::id).toList(), cell.config(), cell.key(),
                            labelNames(cell.dataset()), prov));
            seconds.put("write_s", since(tw));
        }
        seconds.put("total_s", since(t0));
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("key", cell.key());
        timing.put("device", device);
        timing.put("seconds", seconds);
        timing.put("cases", caseSeconds);
        CellOutputs.writeTimings(files.dir(), timing);
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

    private TrainingConfig trainingConfig(Cell cell, TrainingData data) {
        SweepSpec.Training t = spec.training();
        ModelSpec ms = ModelSpec.parse(cell.model());
        Optimizer opt = Optimizer.parse(t.optimizer());
        try {
            return new TrainingConfig(cell.dataset(), ms.arch(), ms.options(data.modalities().size(), data.classes(), cell.seed()),
                    CompoundLoss.parse(cell.loss()), opt, t.lr() == null ? opt.defaultLearningRate() : t.lr(), LrSchedule.parse(t.schedule()),
                    t.steps(), t.batch(), t.patch().stream().mapToInt(Integer::intValue).toArray(), cell.seed(), t.foregroundShare(),
                    t.augment(), spec.inference().threads(), Device.parse(spec.inference().device()), 0, (int) Math.min(t.steps(), 50));
        } catch (IllegalArgumentException e) {
            throw new LossbenchException(ExitCode.USAGE, "sweep: training settings: " + e.getMessage());
        }
    }

    /** Trains into {@code dir} (resuming from its checkpoint when there is one) and returns the final model. */
    private static Path train(TrainingConfig tc, TrainingData data, Path dir) {
        boolean resume = Files.isRegularFile(dir.resolve(Trainer.CHECKPOINT));
        if (resume) {
            LOG.info("resuming the training in {}", dir);
        }
        Trainer trainer = new Trainer(tc, data.preprocessing());
        Trainer.Result r = trainer.train(data.train(), data.val(), dir, resume, (step, lr, losses, s) -> { });
        Path model = dir.resolve("model.onnx");
        trainer.writeModel(model, r.names(), r.parameters());
        return model;
    }

    private Map<String, Object> provenance(Cell cell, Path model, EngineSession engine, TrainingData data) {
        Map<String, Object> p = new TreeMap<>();
        p.put("dataset", cell.dataset());
        p.put("dataset_checksum", cell.config().get("dataset_checksum"));
        p.put("model_file", switch (spec.mode()) {
            case SweepSpec.TRAIN -> "train/model.onnx";
            case SweepSpec.ZOO -> "zoo:" + model.getFileName();
            default -> model.toString();
        });
        p.put("model_sha256", ModelCard.sha256(model));
        p.put("seed", cell.seed());
        p.put("split_seed", spec.splitSeed());
        p.put("bootstrap_seed", spec.evaluation().bootstrapSeed());
        p.put("execution_provider", engine.device().provider());
        p.put("device", engine.device().toString());
        p.putAll(Provenance.current().toMap());
        p.put("train_cases", data.train().size());
        return p;
    }

    private static double since(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
