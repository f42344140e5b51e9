package org.lossbench.models.bench;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import java.util.List;
import java.util.Map;
import org.lossbench.core.graph.Conv3dLowering;
import org.lossbench.core.graph.DepthMajorLowering;
import org.lossbench.core.graph.Graph;

/**
 * The model variants the CPU benchmarks compare, by name: a graph rewrite, optionally followed by
 * {@code +basic} or {@code +extended} (ONNX Runtime's BASIC or EXTENDED optimisation level instead
 * of ALL; the NCHWc layout transformer runs only at ALL), {@code +nospin} (intra-op spinning off) or
 * {@code +daz} (denormals flushed to zero, {@code session.set_denormal_as_zero}).
 * <ul>
 * <li>{@code plain}: the model as built (Conv3d).</li>
 * <li>{@code conv2d}: {@link Conv3dLowering}.</li>
 * <li>{@code depth-major-padded}: {@link DepthMajorLowering} with {@link DepthMajorLowering.Options#PADDED},
 *     the default until 2026-11-30.</li>
 * <li>{@code depth-major-exact}: exact depth taps, width padded by the Conv2d.</li>
 * <li>{@code depth-major-padw}: zero-padded depth, width pre-padded.</li>
 * <li>{@code depth-major-unsorted}: exact taps, width pre-padded, axes kept in D, H, W order.</li>
 * <li>{@code depth-major}: {@link DepthMajorLowering.Options#DEFAULT} (exact taps, width pre-padded,
 *     longest axis last).</li>
 * </ul>
 */
final class BenchVariants {
    /** What {@code InferenceBench model} compares when no variants are named. */
    static final List<String> DEFAULT = List.of("plain", "depth-major-padded", "depth-major");

    private BenchVariants() {
    }

    static List<String> names() {
        return List.of("plain", "conv2d", "depth-major-padded", "depth-major-exact", "depth-major-padw", "depth-major-unsorted", "depth-major");
    }

    /** The graph variant {@code name} of {@code g} for a {@code [1, C, spatial]} input. */
    static Graph graph(String name, Graph g, long[] spatial) {
        return switch (name.replaceAll("\\+.*$", "")) {
            case "plain" -> g;
            case "conv2d" -> Conv3dLowering.lower(g, 1, spatial);
            case "depth-major-padded" -> DepthMajorLowering.lower(g, spatial, DepthMajorLowering.Options.PADDED);
            case "depth-major-exact" -> DepthMajorLowering.lower(g, spatial, new DepthMajorLowering.Options(true, false, false));
            case "depth-major-padw" -> DepthMajorLowering.lower(g, spatial, new DepthMajorLowering.Options(false, true, false));
            case "depth-major-unsorted" -> DepthMajorLowering.lower(g, spatial, new DepthMajorLowering.Options(true, true, false));
            case "depth-major" -> DepthMajorLowering.lower(g, spatial, DepthMajorLowering.Options.DEFAULT);
            default -> throw new IllegalArgumentException("unknown variant " + name + "; one of " + names() + ", optionally +basic, +extended, +nospin or +daz");
        };
    }

    /** Adds the session configuration entries of variant {@code name} to {@code o}. */
    static void configure(String name, OrtSession.SessionOptions o) throws OrtException {
        for (Map.Entry<String, String> e : configEntries(name).entrySet()) {
            o.addConfigEntry(e.getKey(), e.getValue());
        }
        o.setOptimizationLevel(optLevel(name));
    }

    static Map<String, String> configEntries(String name) {
        if (name.endsWith("+nospin")) {
            return Map.of("session.intra_op.allow_spinning", "0");
        }
        return name.endsWith("+daz") ? Map.of("session.set_denormal_as_zero", "1") : Map.of();
    }

    static OptLevel optLevel(String name) {
        if (name.endsWith("+basic")) {
            return OptLevel.BASIC_OPT;
        }
        return name.endsWith("+extended") ? OptLevel.EXTENDED_OPT : OptLevel.ALL_OPT;
    }
}
