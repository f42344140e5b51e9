package org.lossbench.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.losses.check.GraphLossEvaluator;

/**
 * The graph form (float32, ONNX Runtime) equals the reference form (double) within 1e-5 relative
 * (1e-6 absolute near 0) on random inputs, for every loss and the compound presets, including the
 * edges of issue 6: a class absent from the batch, all-background labels, logits of +-80 (also exact
 * ties at +80), K = 2 and K = 20. Every output, terms included, is finite.
 */
class GraphMatchesReferencePropertyTest {
    static final List<String> SPECS = List.of(
            "ce", "topk", "dice", "dice:batch=true,include_background=false", "dice-vnet", "generalized-dice",
            "generalized-dice:w_type=simple,batch=true", "focal", "focal:alpha=0.25", "focal:activation=sigmoid,alpha=0.25",
            "exp-log", "tversky", "focal-tversky", "dice+ce", "dice+focal", "dice+topk");

    private static final Map<String, GraphLossEvaluator> EVALUATORS = new HashMap<>();

    /** How the labels are drawn. */
    enum Labels { UNIFORM, ALL_BACKGROUND, CLASS_ABSENT, ONE_VOXEL_FOREGROUND }

    /** How the logits are drawn. */
    enum Logits { NORMAL, WIDE, PLUS_MINUS_80, UNIFORM_80 }

    record Case(long seed, int n, int k, int d, int h, int w, Labels labels, Logits logits) {
        LossInput input() {
            SplittableRandom r = new SplittableRandom(seed);
            float[] z = new float[n * k * d * h * w];
            for (int i = 0; i < z.length; i++) {
                z[i] = switch (logits) {
                    case NORMAL -> (float) (r.nextGaussian() * 2);
                    case WIDE -> (float) (r.nextGaussian() * 15);
                    case PLUS_MINUS_80 -> r.nextBoolean() ? 80f : -80f;
                    case UNIFORM_80 -> (float) (r.nextDouble(-80, 80));
                };
            }
            int v = d * h * w;
            int[] y = new int[n * v];
            int absent = 1 + r.nextInt(k - 1);
            for (int i = 0; i < y.length; i++) {
                y[i] = switch (labels) {
                    case UNIFORM -> r.nextInt(k);
                    case ALL_BACKGROUND, ONE_VOXEL_FOREGROUND -> 0;
                    case CLASS_ABSENT -> {
                        int l = r.nextInt(k - 1);
                        yield l >= absent ? l + 1 : l;
                    }
                };
            }
            if (labels == Labels.ONE_VOXEL_FOREGROUND) {
                y[r.nextInt(y.length)] = k - 1;
            }
            return LossInput.of(new int[] {n, k, d, h, w}, z, y, toString());
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 2), Arbitraries.of(2, 3, 5, 20),
                        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 4),
                        Arbitraries.of(Labels.class), Arbitraries.of(Logits.class))
                .as(Case::new);
    }

    @Property(tries = 150)
    void graphEqualsReference(@ForAll("cases") Case c) {
        LossInput in = c.input();
        for (String spec : SPECS) {
            CompoundLoss loss = CompoundLoss.parse(spec);
            CompoundLoss.Evaluation ref = loss.reference(in);
            Map<String, Double> graph = evaluator(spec, c.k()).evaluate(in);
            Tolerance.assertGraphClose(ref.total(), graph.get(CompoundLoss.OUTPUT), spec + " on " + c);
            if (loss.isCompound()) {
                assertEquals(1 + ref.terms().size(), graph.size(), spec);
                ref.terms().forEach((term, value) ->
                        Tolerance.assertGraphClose(value, graph.get(CompoundLoss.termOutput(term)), spec + " term " + term + " on " + c));
            }
        }
    }

    private static GraphLossEvaluator evaluator(String spec, int k) {
        return EVALUATORS.computeIfAbsent(spec + "@" + k,
                s -> new GraphLossEvaluator(CompoundLoss.parse(spec), k, SessionConfig.defaults(Device.CPU).withThreads(1)));
    }

    @AfterContainer
    static void close() {
        EVALUATORS.values().forEach(GraphLossEvaluator::close);
        EVALUATORS.clear();
    }
}
