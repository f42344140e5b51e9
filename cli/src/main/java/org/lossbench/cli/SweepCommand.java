package org.lossbench.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lossbench.cli.report.ReportWarmup;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.cli.sweep.Cell;
import org.lossbench.cli.sweep.ClaimOwner;
import org.lossbench.cli.sweep.OpenCells;
import org.lossbench.cli.sweep.Shard;
import org.lossbench.cli.sweep.SlurmResources;
import org.lossbench.cli.sweep.SlurmScripts;
import org.lossbench.cli.sweep.SlurmSubmission;
import org.lossbench.cli.sweep.SweepMode;
import org.lossbench.cli.sweep.SweepPlan;
import org.lossbench.cli.sweep.SweepResults;
import org.lossbench.cli.sweep.SweepRunner;
import org.lossbench.cli.sweep.SweepSettings;
import org.lossbench.cli.sweep.SweepSpec;
import org.lossbench.cli.sweep.TimeSplit;
import org.lossbench.datasets.registry.DatasetRegistry;
import org.lossbench.models.zoo.ModelZoo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lossbench sweep}: runs a grid of cells (dataset x model x loss x seed) and writes the
 * comparison tables under {@code OUT/<name>/} (docs/sweep.md). Every field of the spec file is also a
 * flag; flags override the file.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a sweep: every cell (dataset x model x loss x seed) takes its model from the model zoo (the default: "
                + "phantom-lesions, vnet-lite, every zoo loss), trains it (--train) or takes an ONNX file (--mode external), runs it over "
                + "the split's cases with sliding windows and evaluates it; the tables go to OUT/<name>/ and summary.md is printed. "
                + "Finished cells are skipped, so an interrupted sweep resumes. See docs/sweep.md."},
        footer = {"", "Exit codes: 0 every cell finished; 2 usage error; 3 a cell failed on bad input (a bad model or data), "
                + "4 a cell failed otherwise (e.g. training diverged); failed cells are listed in summary.md and manifest.json."})
public final class SweepCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(SweepCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--spec", paramLabel = "FILE.json", description = "sweep spec; flags override its fields")
    Path specFile;
    @Option(names = "--name", description = "sweep name, the output folder OUT/<name> (default: sweep)")
    String name;
    @Option(names = "--datasets", split = ",", paramLabel = "NAME", description = "datasets (default: phantom-tiny)")
    List<String> datasets;
    @Option(names = "--split", description = "test or val (default: test)")
    String split;
    @Option(names = "--split-seed", description = "seed of the 60/20/20 split of datasets without their own (default: 0)")
    Long splitSeed;
    @Option(names = "--models", split = ";", paramLabel = "SPEC", description = "model specs, separated by ';' (train mode: e.g. vnet-tiny;vnet-lite:width=8), or one label (external mode)")
    List<String> models;
    @Option(names = "--losses", split = ";", paramLabel = "SPEC", description = "loss specs, separated by ';' (e.g. dice;dice+ce;focal:gamma=2)")
    List<String> losses;
    @Option(names = "--seeds", split = ",", description = "seeds (default: 0)")
    List<Long> seeds;
    @Option(names = "--mode", description = "zoo (the shipped models, the default), train or external")
    String mode;
    @Option(names = "--zoo", paramLabel = "DIR", description = "zoo mode: the model zoo folder (default: $" + ModelZoo.ENV
            + ", else the checkout's models/zoo)")
    Path zoo;
    @Option(names = "--train", description = "same as --mode train")
    boolean train;
    @Option(names = "--external", paramLabel = "LOSS=FILE.onnx", description = "external mode: the model trained with LOSS (repeatable)")
    Map<String, Path> external;
    @Option(names = "--reference-loss", description = "the loss the others are compared with (default: the first)")
    String referenceLoss;

    @Option(names = "--steps", description = "training steps per cell (default: 200)")
    Long steps;
    @Option(names = "--batch", description = "training batch (default: 2)")
    Integer batch;
    @Option(names = "--patch", split = ",", paramLabel = "D,H,W", description = "training patch (default: 32)")
    List<Integer> patch;
    @Option(names = "--optimizer", description = "optimiser spec (default: adam)")
    String optimizer;
    @Option(names = "--lr", description = "learning rate (default: the optimiser's)")
    Double lr;
    @Option(names = "--schedule", description = "learning-rate schedule (default: constant)")
    String schedule;
    @Option(names = "--foreground-share", description = "share of foreground-centred patches (default: 0.33)")
    Double foregroundShare;
    @Option(names = "--augment", negatable = true, description = "augment training patches (default: true)")
    Boolean augment;

    @Option(names = "--labels", split = ",", description = "classes to evaluate (default: every foreground class of the dataset)")
    List<Integer> labels;
    @Option(names = "--tolerance-mm", paramLabel = "T[,L=T...]", description = "NSD tolerance (default: 2)")
    String tolerance;
    @Option(names = "--connectivity", description = "lesion connectivity 6, 18 or 26 (default: 26)")
    Integer connectivity;
    @Option(names = "--match", paramLabel = "overlap|iou:T", description = "lesion matching (default: overlap)")
    String match;
    @Option(names = "--empty", paramLabel = "monai|nnunet|worst", description = "empty-case policy (default: monai)")
    String empty;
    @Option(names = "--size-bins", paramLabel = "E1,E2,...", description = "lesion size-bin edges in mm (default: 3,6,12,24)")
    String sizeBins;
    @Option(names = "--bootstrap-seed", description = "seed of the bootstrap confidence intervals (default: 0)")
    Long bootstrapSeed;

    @Option(names = "--roi", split = ",", paramLabel = "D,H,W", description = "inference window (default: the training patch, else the model's fixed size, else 96)")
    List<Integer> roi;
    @Option(names = "--overlap", description = "window overlap (default: 0.5)")
    Double overlap;
    @Option(names = "--device", description = "auto, cpu, cuda or cuda:N (default: auto)")
    String device;
    @Option(names = "--threads", description = "ONNX Runtime intra-op threads, 0 = its default (default: 0)")
    Integer threads;
    @Option(names = "--infer-batch", description = "windows per inference run (default: 1)")
    Integer inferBatch;
    @Option(names = "--cpu-rewrite", paramLabel = "auto|none|conv2d|depth-major",
            description = "2D-kernel rewrite of the model on the CPU, as lossbench infer (default: auto)")
    String cpuRewrite;

    @Option(names = "--out", defaultValue = "results", paramLabel = "DIR", description = "results root; the sweep writes DIR/<name>/ (default: ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--shard", paramLabel = "i/N", description = "run only cells k with k mod N = i (0 <= i < N); join the shards with lossbench merge")
    String shard;
    @Option(names = "--registry", paramLabel = "FILE", description = "registry of user datasets (default: $" + DatasetRegistry.ENV + ", else ~/.lossbench/registry.json)")
    Path registryFile;

    @Option(names = "--slurm", description = "submit the sweep to Slurm instead: a job array, one task per shard, and a merge job after it "
            + "(docs/sweep.md, Slurm); the resources below may also come from the spec's \"slurm\" section")
    boolean slurm;
    @Option(names = "--dry-run", description = "with --slurm: print the spec and the batch scripts, submit nothing")
    boolean dryRun;
    @Option(names = "--shards", paramLabel = "N", description = "with --slurm: array tasks, each running shard i/N (default: one per cell)")
    Integer shards;
    @Option(names = "--cpus-per-task", paramLabel = "N", description = "with --slurm: CPUs per task, also its ONNX Runtime threads (default: 1)")
    Integer cpusPerTask;
    @Option(names = "--mem", paramLabel = "SIZE", description = "with --slurm: memory per task, as sbatch --mem (e.g. 8G; default: the cluster's)")
    String mem;
    @Option(names = "--time", paramLabel = "LIMIT", description = "with --slurm: time limit per task, as sbatch --time (e.g. 12:00:00)")
    String time;
    @Option(names = "--partition", paramLabel = "NAME", description = "with --slurm: partition (default: the cluster's)")
    String partition;
    @Option(names = "--gpus-per-task", paramLabel = "N", description = "with --slurm: GPUs per task for --device cuda (default: 0)")
    Integer gpusPerTask;

    @Override
    public Integer call() {
        long start = System.nanoTime();
        SweepSpec s = merged().resolved();
        SweepSettings.check(s);
        if (slurm) {
            return submitToSlurm(s);
        }
        if (dryRun || shards != null || cpusPerTask != null || mem != null || time != null || partition != null || gpusPerTask != null) {
            throw new LossbenchException(ExitCode.USAGE, "--dry-run, --shards, --cpus-per-task, --mem, --time, --partition and --gpus-per-task "
                    + "go with --slurm; to run one shard here use --shard i/N");
        }
        Shard sh = shard == null ? Shard.ALL : Shard.parse(shard);
        if (sh.isAll()) {
            Warmup.start("report-warmup", ReportWarmup::run); // a shard does not aggregate; merge does
        }
        DatasetRegistry registry = DatasetRegistry.locate(registryFile);
        Path dir = out.resolve(s.name());
        AtomicFiles.checkFolder(dir, "--out");
        List<Cell> cells = SweepPlan.cells(s, registry);
        SweepResults.writePlan(dir, s, cells);
        List<Cell> mine = sh.select(cells);
        LOG.info("sweep {}: {} cells{}, results in {}", s.name(), cells.size(),
                sh.isAll() ? "" : ", shard " + sh.index() + "/" + sh.count() + " runs " + mine.size(), dir);
        SweepRunner.Report r = SweepRunner.run(dir, s, mine, registry);
        spec.commandLine().getErr().printf("sweep %s: %d cells run, %d already finished, %d failed%n", s.name(), r.ran(), r.skipped(), r.failed());
        spec.commandLine().getErr().flush();
        if (!sh.isAll()) {
            LOG.info("shard {}/{} finished; join the shards with: lossbench merge DIR...", sh.index(), sh.count());
            return r.exitCode();
        }
        if (!r.open().isEmpty()) { // other runners share the folder: the one that finishes the last cell aggregates
            spec.commandLine().getErr().printf("sweep %s: %d of %d cells are still open; the runner that finishes the last of them "
                    + "aggregates (else, once they are done: lossbench merge %s):%n%s%n", s.name(), r.open().size(), cells.size(), dir,
                    OpenCells.describe(r.open(), ClaimOwner.current(), Instant.now()));
            spec.commandLine().getErr().flush();
            return r.exitCode();
        }
        long t0 = System.nanoTime();
        SweepResults.Outcome o = SweepResults.aggregate(dir, s, cells);
        spec.commandLine().getErr().printf(java.util.Locale.ROOT, "sweep %s: aggregated %d cells in %.2f s%n", s.name(), cells.size(),
                (System.nanoTime() - t0) / 1e9);
        if (r.ran() > 0) {
            spec.commandLine().getErr().println(TimeSplit.line(s.name(), r, (System.nanoTime() - start) / 1e9));
        }
        spec.commandLine().getErr().flush();
        spec.commandLine().getOut().print(o.markdown());
        spec.commandLine().getOut().flush();
        return o.exitCode();
    }

    /** {@code --slurm}: writes the scripts and submits them (or prints them, {@code --dry-run}). */
    private int submitToSlurm(SweepSpec s) {
        if (shard != null) {
            throw new LossbenchException(ExitCode.USAGE,
                    "sweep --slurm runs every shard as a task of the job array; drop --shard (set their number with --shards)");
        }
        DatasetRegistry registry = DatasetRegistry.locate(registryFile);
        Path dir = out.toAbsolutePath().normalize().resolve(s.name());
        AtomicFiles.checkFolder(dir, "--out");
        List<Cell> cells = SweepPlan.cells(s, registry);
        SlurmResources flags = new SlurmResources(shards, cpusPerTask, mem, time, partition, gpusPerTask);
        SlurmResources res = flags.over(specFile == null ? SlurmResources.none() : SlurmResources.read(specFile)).resolved(s, cells.size());
        SlurmScripts scripts = new SlurmScripts(s.name(), dir, res, SlurmScripts.thisProgram(),
                registryFile == null ? null : registryFile.toAbsolutePath().normalize());
        if (dryRun) {
            spec.commandLine().getOut().print(SlurmSubmission.dryRun(scripts, s));
            spec.commandLine().getOut().flush();
            return 0;
        }
        SlurmSubmission.Jobs jobs = SlurmSubmission.submit(scripts, s);
        spec.commandLine().getErr().printf("sweep %s: %d cells in %d array tasks (job %s), merge job %s after them; logs in %s%n", s.name(),
                cells.size(), res.shards(), jobs.array(), jobs.merge(), scripts.folder().resolve("logs"));
        spec.commandLine().getErr().flush();
        spec.commandLine().getOut().printf("array job %s%nmerge job %s%n", jobs.array(), jobs.merge());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The spec file (if any) with every given flag written over it. */
    private SweepSpec merged() {
        SweepSpec f = specFile == null ? SweepSpec.empty() : SweepSpec.read(specFile);
        SweepSpec.Training t = f.training() == null ? new SweepSpec.Training(null, null, null, null, null, null, null, null) : f.training();
        SweepSpec.Evaluation e = f.evaluation() == null ? new SweepSpec.Evaluation(null, null, null, null, null, null, null) : f.evaluation();
        SweepSpec.Inference i = f.inference() == null ? new SweepSpec.Inference(null, null, null, null, null, null) : f.inference();
        Map<String, String> ext = f.external();
        if (external != null) {
            ext = new LinkedHashMap<>();
            for (Map.Entry<String, Path> en : external.entrySet()) {
                ext.put(en.getKey(), en.getValue().toAbsolutePath().normalize().toString());
            }
        }
        String m = train ? SweepMode.TRAIN.label() : or(mode, f.mode());
        return new SweepSpec(or(name, f.name()), or(datasets, f.datasets()), or(split, f.split()), or(splitSeed, f.splitSeed()),
                or(models, f.models()), or(losses, f.losses()), or(seeds, f.seeds()), m, ext,
                zoo != null ? zoo.toAbsolutePath().normalize().toString() : f.zoo(), or(referenceLoss, f.referenceLoss()),
                new SweepSpec.Training(or(steps, t.steps()), or(batch, t.batch()), or(patch, t.patch()), or(optimizer, t.optimizer()),
                        or(lr, t.lr()), or(schedule, t.schedule()), or(foregroundShare, t.foregroundShare()), or(augment, t.augment())),
                new SweepSpec.Evaluation(or(labels, e.labels()), or(tolerance, e.toleranceMm()), or(connectivity, e.connectivity()),
                        or(match, e.match()), or(empty, e.empty()), or(sizeBins, e.sizeBins()), or(bootstrapSeed, e.bootstrapSeed())),
                new SweepSpec.Inference(or(roi, i.roi()), or(overlap, i.overlap()), or(device, i.device()), or(threads, i.threads()),
                        or(inferBatch, i.batch()), or(cpuRewrite, i.cpuRewrite())));
    }

    private static <T> T or(T flag, T file) {
        return flag != null ? flag : file;
    }
}
