package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.cli.options.Size3;
import org.lossbench.core.graph.ConvSpec;
import org.lossbench.core.graph.DType;
import org.lossbench.core.graph.Graph;
import org.lossbench.core.graph.OnnxSerializer;
import org.lossbench.core.graph.Shape;
import org.lossbench.core.graph.Tensor;
import org.lossbench.core.graph.Value;
import org.lossbench.core.io.nifti.NiftiReader;
import org.lossbench.core.io.nifti.NiftiWriter;
import org.lossbench.core.volume.Affine;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

class InferCommandTest {

    /** logits = [0, x]: label 1 exactly where the image is positive, p(1) = sigmoid(x). */
    private static Path thresholdModel(Path dir) {
        Graph g = new Graph("threshold");
        Value x = g.input("image", DType.FLOAT, Shape.symbolic("N", 1, "D", "H", "W"));
        Value w = g.parameter("w", Tensor.floats(new long[] {2, 1, 1, 1, 1}, new float[] {0, 1}));
        g.output(g.conv("c", x, w, null, ConvSpec.same(3, 1)), "logits");
        Path p = dir.resolve("threshold.onnx");
        OnnxSerializer.write(g, "test", p);
        return p;
    }

    private static ImageVolume image(Grid grid, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[grid.voxelCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return new ImageVolume(grid, 1, v);
    }

    @Test
    void segmentsAFolderOntoTheInputGrids(@TempDir Path dir) throws Exception {
        Path model = thresholdModel(dir);
        Path in = Files.createDirectories(dir.resolve("in"));
        Grid g1 = Grid.fromAffine(9, 10, 11, Affine.fromRows(new double[] {0, 0.9, 0, 10, -0.8, 0, 0, 20, 0, 0, 2.5, -5}));
        Grid g2 = Grid.of(4, 5, 6, 3, 1, 1);
        ImageVolume a = image(g1, 1);
        ImageVolume b = image(g2, 2);
        NiftiWriter.write(in.resolve("a.nii.gz"), a);
        NiftiWriter.write(in.resolve("b.nii"), b);
        Files.writeString(in.resolve("notes.txt"), "ignored");
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("infer", "--model", model.toString(), "--input", in.toString(), "--out", out.toString(),
                "--device", "cpu", "--roi", "8,8,8", "--tta", "--batch", "2", "--save-probabilities");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("lossbench: warning: model " + model + " carries no preprocessing record (no lossbench.preprocessing metadata, "
                + "no 'preprocessing' in threshold.card.json); assuming its input is already normalised; pass --preprocess zscore"), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(2, lines.length);
        JsonNode first = new ObjectMapper().readTree(lines[0]);
        assertEquals("a", first.get("case").asText());
        assertEquals("none", first.get("preprocessing").asText());
        assertEquals(2, first.get("classes").asInt());
        assertEquals(8 * 2 * 2 * 2, first.get("windows").asInt());
        for (var c : new Object[][] {{"a", a}, {"b", b}}) {
            ImageVolume img = (ImageVolume) c[1];
            LabelMap labels = NiftiReader.readLabels(out.resolve(c[0] + ".nii.gz"));
            assertTrue(labels.grid().matches(img.grid(), 1e-5), labels.grid().describeMismatch(img.grid(), 1e-5));
            ImageVolume probs = NiftiReader.readImage(out.resolve(c[0] + "_probabilities.nii.gz"));
            assertEquals(2, probs.channels());
            for (int v = 0; v < img.grid().voxelCount(); v++) {
                assertEquals(img.data()[v] > 0 ? 1 : 0, labels.get(v));
                assertEquals(1 / (1 + Math.exp(-img.data()[v])), probs.data()[img.grid().voxelCount() + v], 1e-5);
            }
        }
    }

    /**
     * The JSON line names every field in a fixed order; without {@code --save-probabilities} it still carries
     * {@code "probabilities":null} (the shared mapper omits nulls, the line's type keeps them).
     */
    @Test
    void jsonLineKeepsTheNullProbabilities(@TempDir Path dir) throws Exception {
        Path model = thresholdModel(dir);
        Path img = dir.resolve("img.nii.gz");
        NiftiWriter.write(img, image(Grid.of(4, 4, 4, 1, 1, 1), 3));
        CliRun r = CliRun.of("infer", "--model", model.toString(), "--input", img.toString(), "--out", dir.resolve("out").toString(),
                "--device", "cpu", "--roi", "4,4,4");
        assertEquals(0, r.exitCode(), r.err());
        String line = r.out().strip();
        assertTrue(line.startsWith("{\"case\":\"img\",\"inputs\":[\"" + img + "\"],\"labels\":\"" + dir.resolve("out/img.nii.gz")
                + "\",\"probabilities\":null,\"preprocessing\":\"none\",\"classes\":2,\"windows\":1,\"model_gave_probabilities\":false,"
                + "\"device\":\"cpu\",\"session\":"), line);
        JsonNode j = new ObjectMapper().readTree(line);
        assertEquals(java.util.List.of("case", "inputs", "labels", "probabilities", "preprocessing", "classes", "windows",
                "model_gave_probabilities", "device", "session", "seconds"), iterableNames(j));
        assertTrue(j.get("seconds").isDouble(), line);
    }

    private static java.util.List<String> iterableNames(JsonNode j) {
        java.util.List<String> names = new java.util.ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The PyTorch-exported V-Net fixture of the models module, through the command: probabilities = softmax(PyTorch logits). */
    @Test
    void pytorchExportedModelMatchesPyTorchThroughInfer(@TempDir Path dir) throws Exception {
        Path fixtures = Path.of(System.getProperty("lossbench.root", "."), "models/src/test/resources/org/lossbench/models/torch");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fixtures), "fixtures at " + fixtures);
        CliRun r = CliRun.of("infer", "--model", fixtures.resolve("vnet_small.onnx").toString(), "--input",
                fixtures.resolve("input.nii.gz").toString(), "--out", dir.toString(), "--device", "cpu", "--roi", "16,16,16",
                "--save-probabilities");
        assertEquals(0, r.exitCode(), r.err());
        float[] logits = org.lossbench.core.io.npy.NpyReader.read(fixtures.resolve("expected_logits.npy")).toFloatArray();
        ImageVolume probs = NiftiReader.readImage(dir.resolve("input_probabilities.nii.gz"));
        LabelMap labels = NiftiReader.readLabels(dir.resolve("input.nii.gz"));
        int n = 4096;
        for (int v = 0; v < n; v++) {
            double z = 0;
            int arg = 0;
            for (int k = 0; k < 3; k++) {
                z += Math.exp(logits[k * n + v]);
                arg = logits[k * n + v] > logits[arg * n + v] ? k : arg;
            }
            for (int k = 0; k < 3; k++) {
                assertEquals(Math.exp(logits[k * n + v]) / z, probs.data()[k * n + v], 1e-5);
            }
            assertEquals(arg, labels.get(v));
        }
    }

    /**
     * A V-Net with 5x5x5 kernels gives the same probabilities with both CPU
     * rewrites: conv2d with a fixed batch of 3 (partial last batch padded), depth-major with batch 1.
     */
    @Test
    void cpuRewritesGiveTheSameSegmentation(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("tiny5.onnx");
        assertEquals(0, CliRun.of("models", "export", "vnet-tiny", "--width", "2", "--depth", "1", "--kernel", "5", "--classes", "3",
                "--seed", "4", "--out", model.toString()).exitCode());
        Path img = dir.resolve("img.nii.gz");
        ImageVolume image = image(Grid.of(10, 12, 9), 5);
        NiftiWriter.write(img, image);
        for (String variant : new String[] {"none", "conv2d", "depth-major", "auto"}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("infer", "--model", model.toString(), "--input", img.toString(),
                    "--out", dir.resolve(variant).toString(), "--device", "cpu", "--roi", "8,8,8", "--batch", variant.equals("auto") ? "1" : "3",
                    "--save-probabilities"));
            args.add("--cpu-rewrite=" + variant);
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.err());
            if (variant.equals("auto")) {
                assertTrue(r.out().contains("(depth-major rewrite)"), "auto picks depth-major on the CPU with batch 1: " + r.out());
            }
        }
        float[] plain = NiftiReader.readImage(dir.resolve("none/img_probabilities.nii.gz")).data();
        org.junit.jupiter.api.Assertions.assertArrayEquals(plain, NiftiReader.readImage(dir.resolve("conv2d/img_probabilities.nii.gz")).data(), 1e-5f);
        org.junit.jupiter.api.Assertions.assertArrayEquals(plain, NiftiReader.readImage(dir.resolve("depth-major/img_probabilities.nii.gz")).data(), 1e-5f);
        org.junit.jupiter.api.Assertions.assertArrayEquals(plain, NiftiReader.readImage(dir.resolve("auto/img_probabilities.nii.gz")).data(), 1e-5f);
        // without --roi a rewrite uses the window inferred otherwise (the model's fixed size, else 96^3)
        CliRun noRoi = CliRun.of("infer", "--model", model.toString(), "--input", img.toString(), "--out", dir.resolve("noroi").toString(),
                "--cpu-rewrite", "conv2d", "--save-probabilities");
        assertEquals(0, noRoi.exitCode(), noRoi.err());
        Path lite = dir.resolve("lite.onnx");
        assertEquals(0, CliRun.of("models", "export", "vnet-lite", "--width", "2", "--depth", "1", "--out", lite.toString()).exitCode());
        for (String variant : new String[] {"none", "depth-major"}) {
            assertEquals(0, CliRun.of("infer", "--model", lite.toString(), "--input", img.toString(), "--out", dir.resolve("lite-" + variant).toString(),
                    "--roi", "8", "--cpu-rewrite", variant, "--save-probabilities").exitCode());
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(NiftiReader.readImage(dir.resolve("lite-none/img_probabilities.nii.gz")).data(),
                NiftiReader.readImage(dir.resolve("lite-depth-major/img_probabilities.nii.gz")).data(), 1e-4f);
        Path softmax = dir.resolve("softmax.onnx");
        Graph g = new Graph("lsm");
        Value x = g.input("image", DType.FLOAT, Shape.symbolic("N", 1, "D", "H", "W"));
        g.output(g.op("LogSoftmax", "lsm", java.util.List.of(g.concat("two", 1, java.util.List.of(x, x))),
                java.util.Map.of("axis", org.lossbench.core.graph.Attribute.of(1))), "logits");
        OnnxSerializer.write(g, "test", softmax);
        CliRun unsupported = CliRun.of("infer", "--model", softmax.toString(), "--input", img.toString(), "--out", dir.toString(), "--roi", "8",
                "--cpu-rewrite", "depth-major");
        assertEquals(3, unsupported.exitCode());
        assertTrue(unsupported.err().contains("LogSoftmax") && unsupported.err().contains("use --cpu-rewrite conv2d"), unsupported.err());
        // the default, auto, runs such a model as it is
        CliRun auto = CliRun.of("infer", "--model", softmax.toString(), "--input", img.toString(), "--out", dir.resolve("lsm").toString(),
                "--roi", "8");
        assertEquals(0, auto.exitCode(), auto.err());
        assertTrue(!auto.out().contains("rewrite)"), "auto falls back to the plain model: " + auto.out());
    }

    @Test
    void badInputsExitWithCode3AndAClearMessage(@TempDir Path dir) throws Exception {
        Path model = thresholdModel(dir);
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliRun none = CliRun.of("infer", "--model", model.toString(), "--input", empty.toString(), "--out", dir.resolve("o").toString(), "--device", "cpu");
        assertEquals(3, none.exitCode());
        assertTrue(none.err().contains("holds no NIfTI images"), none.err());

        Path two = dir.resolve("two.nii.gz");
        NiftiWriter.write(two, new ImageVolume(Grid.of(4, 4, 4), 2, new float[128]));
        CliRun channels = CliRun.of("infer", "--model", model.toString(), "--input", two.toString(), "--out", dir.resolve("o").toString(), "--device", "cpu");
        assertEquals(3, channels.exitCode());
        assertTrue(channels.err().contains("has 2 channel(s)") && channels.err().contains("expects 1"), channels.err());

        CliRun missing = CliRun.of("infer", "--model", dir.resolve("nope.onnx").toString(), "--input", two.toString(), "--out", dir.toString(), "--device", "cpu");
        assertEquals(3, missing.exitCode());
        assertTrue(missing.err().contains("nope.onnx"), missing.err());

        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {32, 32, 32}, Size3.parse("32").toArray());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {16, 32, 8}, Size3.parse("16, 32,8").toArray());
        CliRun roi = CliRun.of("infer", "--model", model.toString(), "--input", two.toString(), "--out", dir.toString(), "--roi", "8,8");
        assertEquals(2, roi.exitCode());
        assertTrue(roi.err().contains("--roi must be three positive sizes"), roi.err());

        CliRun device = CliRun.of("infer", "--model", model.toString(), "--input", two.toString(), "--out", dir.toString(), "--device", "tpu");
        assertEquals(2, device.exitCode());

        CliRun threads = CliRun.of("infer", "--model", model.toString(), "--input", two.toString(), "--out", dir.toString(), "--threads", "-1");
        assertEquals(2, threads.exitCode(), threads.err());
        assertTrue(threads.err().contains("--threads must be >= 0 (0 = ONNX Runtime's default), got -1"), threads.err());
    }
}
