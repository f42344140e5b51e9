package org.lossbench.cli.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.engine.Sessions;
import org.lossbench.core.io.nifti.NiftiReader;
import org.lossbench.core.io.npy.NpyArray;
import org.lossbench.core.io.npy.NpyReader;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

/**
 * A segmentation model that PyTorch exported, through {@code lossbench infer} and through MONAI's
 * sliding-window inference on the same weights, in the same run ({@code tools/bench_infer_torch.py}).
 *
 * <p>The peer builds the model (tools/vnet_torch_fixture.py's V-Net with the given width, input
 * channels and classes, random weights), exports it with {@code torch.onnx.export} and writes a smooth
 * random image, one NIfTI per channel. lossbench's side is the whole command, as a user runs it: a new JVM
 * per run ({@code java -cp <this classpath> org.lossbench.cli.Main infer ...}: start-up, NIfTI reading and
 * writing included; Gaussian blending, overlap and window as given, {@code --preprocess none}, CPU); the
 * peer's side is the sliding-window call alone, in-process (MONAI's own when it can be imported, else its
 * equivalent written out in the script). Printed: both medians and minima, the ratio lossbench / peer, the
 * share of voxels whose labels agree, and the largest absolute difference between ONNX Runtime's and
 * PyTorch's logits on the first window (the model itself, before any blending).
 */
public final class InferBenchmark {
    /** The volume, window, overlap, threads, timed runs per side, the model's width, input channels and classes, the scratch folder. */
    public record Settings(int[] shape, int roi, double overlap, int threads, int repeats, int width, int inChannels, int classes,
                           Path workDir) {
        public Settings {
            if (shape.length != 3 || roi < 1 || threads < 1 || repeats < 1 || width < 1 || inChannels < 1 || classes < 2
                    || !(overlap >= 0 && overlap < 1) || Arrays.stream(shape).anyMatch(v -> v < roi)) {
                throw new LossbenchException(ExitCode.USAGE, "--shape must be D,H,W each at least --roi; --roi, --threads, --repeats, "
                        + "--width, --in-channels >= 1, --classes >= 2, --overlap in [0, 1)");
            }
            shape = shape.clone();
        }
    }

    private final PrintWriter out;

    public InferBenchmark(PrintWriter out) {
        this.out = out;
    }

    /** Exports the model with the peer, times both sides, compares labels and first-window logits, prints the report. */
    public void run(Settings s, PythonPeer peer) throws IOException, InterruptedException, OrtException {
        var reason = peer.unavailableReason();
        if (reason.isPresent()) {
            out.println("infer benchmark not run: the model comes from PyTorch, and " + reason.get());
            out.flush();
            return;
        }
        Path dir = Files.createDirectories(s.workDir());
        JsonNode exported = peer.run(List.of("export", dir.toString(), "--shape", s.shape()[0] + "," + s.shape()[1] + "," + s.shape()[2],
                "--width", Integer.toString(s.width()), "--in-channels", Integer.toString(s.inChannels()), "--classes",
                Integer.toString(s.classes())), 600);
        if (exported.has("unavailable")) {
            out.println("infer benchmark not run: " + exported.get("unavailable").asText());
            out.flush();
            return;
        }
        out.printf("infer: V-Net exported by PyTorch %s (width %d, %d channels, %d classes), volume %dx%dx%d, windows %d^3, overlap %s, "
                + "Gaussian blending, %d threads, %d timed runs per side%n", exported.get("torch").asText(), s.width(), s.inChannels(),
                s.classes(), s.shape()[0], s.shape()[1], s.shape()[2], s.roi(), s.overlap(), s.threads(), s.repeats());
        out.flush();
        double[] ours = timeCommand(s, dir);
        JsonNode theirs = peer.run(List.of("run", dir.toString(), "--roi", Integer.toString(s.roi()), "--overlap", Double.toString(s.overlap()),
                "--threads", Integer.toString(s.threads()), "--repeats", Integer.toString(s.repeats())), 7200);
        double[] peerTimes = JsonProcess.doubles(theirs.get("times_s"));
        out.println();
        out.println("| side | what is timed | median s | min s |");
        out.println("|---|---|---:|---:|");
        out.printf("| lossbench infer | the whole command: JVM start, reading, inference, writing | %.3f | %.3f |%n", Timings.median(ours),
                Timings.min(ours));
        out.printf("| %s | %s, in-process | %.3f | %.3f |%n", theirs.get("engine").asText(), theirs.get("implementation").asText(),
                Timings.median(peerTimes), Timings.min(peerTimes));
        out.println();
        out.printf("ratio lossbench / peer (median): %.3fx%n", Timings.median(ours) / Timings.median(peerTimes));
        out.printf("labels agreeing: %.6f of %d voxels%n", labelAgreement(dir), (long) s.shape()[0] * s.shape()[1] * s.shape()[2]);
        out.printf("first window, max |logit difference| ONNX Runtime vs PyTorch: %.3g%n", firstWindowDifference(s, dir));
        out.flush();
    }

    /** Wall seconds of each of {@code repeats} runs of {@code lossbench infer} in a new JVM, after one untimed run. */
    private static double[] timeCommand(Settings s, Path dir) throws IOException, InterruptedException {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(javaBin, "-cp", System.getProperty("java.class.path"), "org.lossbench.cli.Main", "infer",
                "--model", dir.resolve("model.onnx").toString(), "--input", dir.resolve("images").toString(), "--out",
                dir.resolve("lossbench-pred").toString(), "--roi", Integer.toString(s.roi()), "--overlap", Double.toString(s.overlap()),
                "--threads", Integer.toString(s.threads()), "--preprocess", "none", "--device", "cpu"));
        double[] t = new double[s.repeats()];
        for (int r = -1; r < s.repeats(); r++) {
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new LossbenchException(ExitCode.INTERNAL, "lossbench infer failed in the benchmark (exit " + p.exitValue() + "): " + log.strip());
            }
            if (r >= 0) {
                t[r] = (System.nanoTime() - t0) / 1e9;
            }
        }
        return t;
    }

    /** Share of voxels where lossbench's label map equals the argmax of the peer's blended logits. */
    static double labelAgreement(Path dir) throws IOException {
        Path prediction;
        try (Stream<Path> files = Files.list(dir.resolve("lossbench-pred"))) {
            prediction = files.filter(f -> f.getFileName().toString().endsWith(".nii.gz")).findFirst()
                    .orElseThrow(() -> new LossbenchException(ExitCode.INTERNAL, "lossbench infer wrote no .nii.gz into " + dir));
        }
        LabelMap ours = NiftiReader.readLabels(prediction);
        NpyArray theirs = NpyReader.read(dir.resolve("torch_labels.npy"));
        if (theirs.size() != ours.size()) {
            throw new LossbenchException(ExitCode.INTERNAL, "label maps differ in size: " + ours.size() + " and " + theirs.size());
        }
        long same = 0;
        for (int i = 0; i < ours.size(); i++) {
            same += ours.get(i) == theirs.getLong(i) ? 1 : 0;
        }
        return same / (double) ours.size();
    }

    /** Largest |ONNX Runtime - PyTorch| over the logits of the window at the origin. */
    private static double firstWindowDifference(Settings s, Path dir) throws IOException, OrtException {
        int r = s.roi();
        float[] window = new float[s.inChannels() * r * r * r];
        for (int c = 0; c < s.inChannels(); c++) {
            ImageVolume image = NiftiReader.readImage(dir.resolve("images").resolve(String.format("case_%04d.nii.gz", c)));
            int i = c * r * r * r;
            for (int z = 0; z < r; z++) {
                for (int y = 0; y < r; y++) {
                    for (int x = 0; x < r; x++) {
                        window[i++] = image.get(0, z, y, x);
                    }
                }
            }
        }
        float[] theirs = NpyReader.read(dir.resolve("torch_first_window.npy")).toFloatArray();
        try (EngineSession session = Sessions.open(dir.resolve("model.onnx"), SessionConfig.defaults(Device.CPU).withThreads(s.threads()));
             OnnxTensor x = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(window),
                     new long[] {1, s.inChannels(), r, r, r});
             OrtSession.Result result = session.session().run(Map.of("image", x))) {
            FloatBuffer ours = ((OnnxTensor) result.get(0)).getFloatBuffer();
            double max = 0;
            for (int i = 0; i < theirs.length; i++) {
                max = Math.max(max, Math.abs(ours.get(i) - theirs[i]));
            }
            return max;
        }
    }
}
