package org.lossbench.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.graph.Initializer;
import org.lossbench.core.io.Json;
import org.lossbench.core.io.npy.NpyArray;
import org.lossbench.core.io.npy.NpyWriter;
import org.lossbench.eval.report.MarkdownTable;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;
import org.lossbench.models.train.Sgd;
import org.lossbench.models.train.TrainStepGraph;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One training step (forward, loss, backward, optimiser update) of lossbench's step graph on ONNX
 * Runtime against PyTorch eager ({@code tools/bench_train_step_torch.py}) on the same network, initial
 * weights, batch, loss ({@code dice+ce}, with vnet-lite's deep supervision) and optimiser
 * ({@link Sgd#V_NET}, learning rate 1e-4), at each given intra-op thread count, in the same run.
 *
 * <p>Per side and thread count: the median and minimum wall seconds of the timed steps (after one
 * warm-up step), the median process CPU seconds per step (all threads of the process; PyTorch's autograd
 * engine runs the backward pass on a thread of its own, so at one intra-op thread it still uses more than
 * one core), the loss of the first step (computed from the initial weights, so both sides must agree to
 * float rounding), and the process's peak resident set (each side runs in a process of its own, lossbench's
 * in a {@link TrainStepWorker} JVM, so each {@code VmHWM} is that side's alone, its runtime's own footprint
 * included). The ratio is lossbench's
 * median wall time over PyTorch's.
 */
public final class TrainStepBenchmark {
    /** What to run: the model, cubic patch size, batch, thread counts, timed steps per side, rounds, scratch folder. */
    public record Settings(Architecture arch, int size, int batch, List<Integer> threads, int repeats, int rounds, Path workDir) {
        public Settings {
            if (size < 1 || batch < 1 || repeats < 1 || rounds < 1 || threads.isEmpty() || threads.stream().anyMatch(t -> t < 1)) {
                throw new LossbenchException(ExitCode.USAGE, "--size, --batch, --repeats, --rounds and --threads must be positive");
            }
            threads = List.copyOf(threads);
        }
    }

    /** One side's measurements at one thread count. */
    record Side(String engine, int round, int threads, double[] wall, double[] cpu, double firstLoss, double peakRssMb) {
    }

    private final PrintWriter out;

    public TrainStepBenchmark(PrintWriter out) {
        this.out = out;
    }

    /**
     * Runs both sides at every thread count, {@code rounds} times with the sides alternating (the host's
     * speed drifts between minutes, so one round's ratio can be off by a third), and prints every side's
     * figures, then per thread count the median over rounds of each round's ratio, their range, the peak
     * resident sets and the first-step loss differences.
     */
    public void run(Settings s, PythonPeer peer) throws IOException, InterruptedException {
        Inputs inputs = Inputs.write(s, TrainStepWorker.stepGraph(s.arch(), s.size(), s.batch()), ArchOptions.defaults());
        out.printf("train-step: %s, batch %d x %d^3, dice+ce, SGD momentum 0.99, %d timed steps per side after one warm-up, %d round(s)%n",
                s.arch().id(), s.batch(), s.size(), s.repeats(), s.rounds());
        out.flush();
        Optional<String> reason = peer.unavailableReason();
        List<Side> sides = new ArrayList<>();
        for (int round = 1; round <= s.rounds(); round++) {
            for (int t : s.threads()) {
                sides.add(lossbench(s, inputs, t, round));
                if (reason.isEmpty()) {
                    JsonNode r = pytorchRun(peer, inputs, t, s.repeats());
                    if (r.has("unavailable")) {
                        reason = Optional.of(r.get("unavailable").asText());
                    } else {
                        sides.add(pytorch(r, t, round));
                    }
                }
            }
        }
        out.println();
        out.print(MarkdownTable.render(table(sides)));
        out.println();
        if (reason.isPresent()) {
            out.println("PyTorch peer not run: " + reason.get());
        } else {
            for (int t : s.threads()) {
                summarise(t, sides.stream().filter(x -> x.threads() == t).toList());
            }
        }
        out.flush();
    }

    /** {@code sides}: lossbench, PyTorch, lossbench, PyTorch... one pair per round, at thread count {@code t}. */
    private void summarise(int t, List<Side> sides) {
        double[] wall = new double[sides.size() / 2];
        double[] cpu = new double[wall.length];
        double lossDiff = 0;
        double rssA = 0;
        double rssB = 0;
        for (int i = 0; i < wall.length; i++) {
            Side a = sides.get(2 * i);
            Side b = sides.get(2 * i + 1);
            wall[i] = Timings.median(a.wall()) / Timings.median(b.wall());
            cpu[i] = Timings.median(a.cpu()) / Timings.median(b.cpu());
            lossDiff = Math.max(lossDiff, Math.abs(a.firstLoss() - b.firstLoss()));
            rssA = Math.max(rssA, a.peakRssMb());
            rssB = Math.max(rssB, b.peakRssMb());
        }
        out.printf("threads %d: lossbench / PyTorch median wall time %.3fx (rounds %.3f-%.3fx), process CPU %.3fx; "
                        + "peak RSS %.0f / %.0f MB; first-step loss |difference| %.3g%n",
                t, Timings.median(wall), Timings.min(wall), Timings.max(wall), Timings.median(cpu), rssA, rssB, lossDiff);
    }

    /** The weights, configuration, image and labels both sides read, written once into the scratch folder. */
    record Inputs(Path params, Path config, Path imageFile, Path labelFile) {
        static Inputs write(Settings s, TrainStepGraph step, ArchOptions options) throws IOException {
            Path dir = Files.createDirectories(s.workDir());
            Path params = dir.resolve(s.arch().id() + ".params");
            for (Initializer p : step.parameters()) {
                int[] shape = Arrays.stream(p.tensor().dims()).mapToInt(d -> (int) d).toArray();
                NpyWriter.write(params.resolve(p.name().replace("/", "__") + ".npy"), NpyArray.ofFloats(shape, p.tensor().floatData()));
            }
            Path config = dir.resolve(s.arch().id() + ".config.json");
            Files.writeString(config, Json.mapper().writeValueAsString(s.arch().resolvedConfig(options)));
            int n = s.batch() * s.size() * s.size() * s.size();
            SplittableRandom r = new SplittableRandom(1);
            float[] image = new float[n];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                image[i] = (float) r.nextDouble(-1, 1);
                labels[i] = r.nextDouble() < 0.2 ? 1 : 0;
            }
            Path imageFile = dir.resolve("image.npy");
            Path labelFile = dir.resolve("labels.npy");
            NpyWriter.write(imageFile, NpyArray.ofFloats(new int[] {s.batch(), 1, s.size(), s.size(), s.size()}, image));
            NpyWriter.write(labelFile, NpyArray.ofInts(new int[] {s.batch(), s.size(), s.size(), s.size()}, labels));
            return new Inputs(params, config, imageFile, labelFile);
        }
    }

    /** lossbench's side in a JVM of its own ({@link TrainStepWorker}), on this JVM's class path. */
    private static Side lossbench(Settings s, Inputs in, int threads, int round) throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), TrainStepWorker.class.getName(), s.arch().id(), Integer.toString(s.size()),
                Integer.toString(s.batch()), Integer.toString(threads), Integer.toString(s.repeats()), in.imageFile().toString(),
                in.labelFile().toString());
        JsonNode r = JsonProcess.run(command, "lossbench's train-step worker", 3600);
        return new Side("lossbench (ONNX Runtime)", round, threads, JsonProcess.doubles(r.get("times_s")), JsonProcess.doubles(r.get("cpu_s")),
                r.get("first_loss").asDouble(), r.get("peak_rss_mb").asDouble());
    }

    private static JsonNode pytorchRun(PythonPeer peer, Inputs in, int threads, int repeats) throws IOException, InterruptedException {
        return peer.run(List.of("--params", in.params().toString(), "--config", in.config().toString(), "--image",
                in.imageFile().toString(), "--labels", in.labelFile().toString(), "--threads", Integer.toString(threads), "--repeats",
                Integer.toString(repeats)), 3600);
    }

    private static Side pytorch(JsonNode r, int threads, int round) {
        return new Side("PyTorch " + r.get("torch").asText() + " eager", round, threads, JsonProcess.doubles(r.get("times_s")), JsonProcess.doubles(r.get("cpu_s")),
                r.get("first_loss").asDouble(), r.get("peak_rss_mb").asDouble());
    }

    private static Table table(List<Side> sides) {
        Table t = Table.create("train-step", IntColumn.create("round"), IntColumn.create("threads"), StringColumn.create("engine"), DoubleColumn.create("median s"),
                DoubleColumn.create("min s"), DoubleColumn.create("CPU s (median)"), DoubleColumn.create("first-step loss"),
                DoubleColumn.create("peak RSS MB"));
        for (Side s : sides) {
            t.intColumn(0).append(s.round());
            t.intColumn(1).append(s.threads());
            t.stringColumn(2).append(s.engine());
            t.doubleColumn(3).append(Timings.median(s.wall()));
            t.doubleColumn(4).append(Timings.min(s.wall()));
            t.doubleColumn(5).append(Timings.median(s.cpu()));
            t.doubleColumn(6).append(s.firstLoss());
            t.doubleColumn(7).append(s.peakRssMb());
        }
        return t;
    }

}
