package org.lossbench.core.engine;

import java.util.function.IntFunction;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution provider a session actually uses, with the reason for the choice.
 *
 * @param provider {@code CPU} or {@code CUDA}
 * @param index the CUDA device index (0 for CPU)
 * @param reason why this provider (for example, why {@code auto} fell back to CPU)
 */
public record ResolvedDevice(String provider, int index, String reason) {
    private static final Logger LOG = LoggerFactory.getLogger(ResolvedDevice.class);
    /** Fallback reasons already logged: a sweep opens many sessions, the reason is worth one line. */
    private static final java.util.Set<String> LOGGED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public boolean isCuda() {
        return provider.equals("CUDA");
    }

    /** Resolves {@code requested} with the real CUDA probe of {@link ExecutionProviders}. */
    public static ResolvedDevice resolve(Device requested) {
        return resolve(requested, ExecutionProviders::probeCuda);
    }

    /**
     * Resolves {@code requested} given a CUDA probe per device index: {@code cpu} is CPU; {@code cuda:N}
     * is CUDA or a {@link LossbenchException} carrying the probe's reason (the missing library);
     * {@code auto} is CUDA device 0 when usable, otherwise CPU with the reason logged (once per process).
     */
    public static ResolvedDevice resolve(Device requested, IntFunction<ExecutionProviders.Status> cudaProbe) {
        switch (requested.kind()) {
            case CPU:
                return new ResolvedDevice("CPU", 0, "requested");
            case CUDA: {
                ExecutionProviders.Status s = cudaProbe.apply(requested.index());
                if (!s.usable()) {
                    throw new LossbenchException(ExitCode.INTERNAL, "--device " + requested + " cannot be used: "
                            + s.detail() + "; use --device cpu or auto to run on the CPU");
                }
                return new ResolvedDevice("CUDA", requested.index(), "requested");
            }
            default: {
                ExecutionProviders.Status s = cudaProbe.apply(0);
                if (s.usable()) {
                    return new ResolvedDevice("CUDA", 0, "auto: CUDA device 0 is usable");
                }
                if (LOGGED.add(s.detail())) {
                    LOG.warn("--device auto: running on the CPU because CUDA is not usable: {}", s.detail());
                }
                return new ResolvedDevice("CPU", 0, "auto: CUDA not usable (" + s.detail() + ")");
            }
        }
    }

    @Override
    public String toString() {
        return isCuda() ? "cuda:" + index : "cpu";
    }
}
