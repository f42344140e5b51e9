package org.lossbench.core.engine;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/**
 * How an ONNX Runtime session is made.
 *
 * @param device the requested device
 * @param intraOpThreads threads for one operator (0 = ONNX Runtime's default, one per physical core)
 * @param optLevel graph optimisation level
 * @param deterministic ask kernels for deterministic results ({@code SetDeterministicCompute});
 *        together with cuDNN's {@code HEURISTIC} search and TF32 off this makes repeated CUDA runs
 *        bit-identical, as the reproducibility promise of docs/design.md needs
 * @param allowTf32 let CUDA use TF32 tensor cores for float32 convolutions and matmuls (faster, 10-bit mantissa)
 * @param cudnnAlgoSearch cuDNN convolution algorithm search: {@code HEURISTIC} (default, reproducible),
 *        {@code EXHAUSTIVE} or {@code DEFAULT}
 * @param memoryPattern ONNX Runtime's memory pattern: after the first run, pre-allocate one block laid out
 *        as that run used memory. On by default (inference); the training step turns it off, because the
 *        CPU arena keeps the first run's chunks as well, which doubled the step's working memory (vnet
 *        1 x 32^3: 414 MB more at the second step) and was no faster (docs/training.md)
 */
public record SessionConfig(Device device, int intraOpThreads, OptLevel optLevel, boolean deterministic,
                            boolean allowTf32, String cudnnAlgoSearch, boolean memoryPattern) {
    public SessionConfig {
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intra-op threads must be >= 0, got " + intraOpThreads);
        }
        if (!cudnnAlgoSearch.equals("HEURISTIC") && !cudnnAlgoSearch.equals("EXHAUSTIVE") && !cudnnAlgoSearch.equals("DEFAULT")) {
            throw new IllegalArgumentException("cuDNN algorithm search must be HEURISTIC, EXHAUSTIVE or DEFAULT, got " + cudnnAlgoSearch);
        }
    }

    /** {@code device}, default threads, all optimisations, deterministic, TF32 off, HEURISTIC search, memory pattern on. */
    public static SessionConfig defaults(Device device) {
        return new SessionConfig(device, 0, OptLevel.ALL_OPT, true, false, "HEURISTIC", true);
    }

    public SessionConfig withThreads(int threads) {
        return new SessionConfig(device, threads, optLevel, deterministic, allowTf32, cudnnAlgoSearch, memoryPattern);
    }

    public SessionConfig withOptLevel(OptLevel level) {
        return new SessionConfig(device, intraOpThreads, level, deterministic, allowTf32, cudnnAlgoSearch, memoryPattern);
    }

    public SessionConfig withMemoryPattern(boolean on) {
        return new SessionConfig(device, intraOpThreads, optLevel, deterministic, allowTf32, cudnnAlgoSearch, on);
    }
}
