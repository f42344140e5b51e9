package org.lossbench.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.FloatTensorBuffer;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.io.npy.NpyArray;
import org.lossbench.core.io.npy.NpyReader;
import org.lossbench.losses.CompoundLoss;

/**
 * Two optimiser steps of lossbench's training graph against PyTorch 1.13's autograd and
 * {@code torch.optim} on the same model, initial weights, batches and loss
 * ({@code tools/train_step_torch.py}, fixture {@code train_step_torch.npz}): vnet-tiny and vnet-lite
 * (instance norm, deep supervision), SGD with momentum 0.99 and Adam, both with weight decay.
 */
class TorchStepTest {
    private static Map<String, NpyArray> fixture;

    @BeforeAll
    static void load() throws IOException {
        fixture = new HashMap<>();
        try (InputStream in = TorchStepTest.class.getResourceAsStream("train_step_torch.npz");
             ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName().substring(0, e.getName().length() - ".npy".length());
                fixture.put(name, NpyReader.read(zip.readAllBytes(), e.getName()));
            }
        }
    }

    static List<Arguments> cases() {
        return TorchStepFixtures.cases().stream().flatMap(c -> java.util.stream.Stream.of(
                Arguments.of(c, "sgd", "sgd:momentum=0.99,weight_decay=1e-4", 1e-2),
                Arguments.of(c, "adam", "adam:weight_decay=1e-4", 1e-3))).toList();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void twoStepsMatchPyTorch(TorchStepFixtures.Case c, String opt, String spec, double lr) {
        TrainStepGraph g = TrainStepGraph.build(c.arch(), c.options(), TorchStepFixtures.BATCH, TorchStepFixtures.PATCH,
                CompoundLoss.parse(TorchStepFixtures.LOSS), Optimizer.parse(spec));
        assertEquals(List.of("loss", "loss/dice", "loss/ce"), g.lossOutputs());
        try (TrainStepSession s = new TrainStepSession(g, SessionConfig.defaults(Device.CPU).withThreads(1))) {
            float[] losses = new float[3];
            for (int t = 1; t <= 2; t++) {
                float[] image = fixture.get("image" + (t - 1)).toFloatArray();
                NpyArray lab = fixture.get("labels" + (t - 1));
                int[] labels = new int[lab.size()];
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = (int) lab.getLong(i);
                }
                assertTrue(s.run(image, labels, lr, t, losses));
                double[] expected = new double[3];
                NpyArray l = fixture.get(c.name() + "/" + opt + "/loss" + t);
                for (int i = 0; i < 3; i++) {
                    expected[i] = l.getDouble(i);
                    assertEquals(expected[i], losses[i], 1e-5 * Math.abs(expected[i]), "step " + t + " " + g.lossOutputs().get(i));
                }
            }
            int checked = 0;
            int noiseOnly = 0;
            for (int i = 0; i < s.parameterCount(); i++) {
                String name = s.tensorNames().get(i);
                float[] want = fixture.get(c.name() + "/" + opt + "/step2/" + name).toFloatArray();
                FloatTensorBuffer got = s.tensor(i);
                float[] init = g.parameters().get(i).tensor().floatData();
                double scale = 0;
                for (float w : want) {
                    scale = Math.max(scale, Math.abs(w));
                }
                if (name.endsWith("/bias") && s.tensorNames().contains(name.replace("/bias", "/norm.scale"))) {
                    // A bias right before instance normalisation cancels in the mean subtraction: its exact
                    // gradient is 0, both sides see float32 noise (~1e-9) that Adam even normalises. Only
                    // check that neither side moves it further than the two updates' bound.
                    for (int j = 0; j < want.length; j++) {
                        assertTrue(Math.abs(want[j]) <= 2 * lr && Math.abs(got.buffer().get(j)) <= 2 * lr, name + " moved beyond noise");
                    }
                    noiseOnly++;
                    continue;
                }
                double worst = 0;
                for (int j = 0; j < want.length; j++) {
                    double err = Math.abs(got.buffer().get(j) - want[j]) / Math.max(Math.abs(want[j]), 1e-2 * scale);
                    worst = Math.max(worst, err);
                }
                assertTrue(worst <= 1e-4, name + ": relative difference " + worst + " to PyTorch");
                boolean moved = false;
                for (int j = 0; j < want.length; j++) {
                    moved |= want[j] != init[j];
                }
                assertTrue(moved, name + " did not move in PyTorch: the check would be vacuous");
                checked++;
            }
            assertEquals(g.parameters().size(), checked + noiseOnly);
            assertTrue(checked > noiseOnly, "most parameters are compared");
        }
    }
}
