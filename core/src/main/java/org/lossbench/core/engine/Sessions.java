package org.lossbench.core.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.lossbench.core.BadInputException;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes ONNX Runtime sessions from a {@link SessionConfig}. */
public final class Sessions {
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private Sessions() {
    }

    /** A session over the model file {@code model}; an unreadable or invalid model is a {@link BadInputException}. */
    public static EngineSession open(Path model, SessionConfig config) {
        if (!Files.isRegularFile(model)) {
            throw new BadInputException("model " + model + " does not exist or is not a file");
        }
        ResolvedDevice device = ResolvedDevice.resolve(config.device());
        try (OrtSession.SessionOptions options = options(config, device)) {
            OrtSession session = OrtEnvironment.getEnvironment().createSession(model.toString(), options);
            return new EngineSession(session, device, model.toString());
        } catch (OrtException e) {
            throw new BadInputException("ONNX Runtime cannot load model " + model + ": " + e.getMessage()
                    + " (is it an ONNX file of opset <= 23?)", e);
        }
    }

    /** A session over serialised model bytes (a graph built in memory). */
    public static EngineSession open(byte[] model, String description, SessionConfig config) {
        return open(model, description, config, Map.of());
    }

    /**
     * A session over model bytes with extra ONNX Runtime session configuration entries (such as
     * {@code session.intra_op.allow_spinning}), for benchmarks and experiments.
     */
    public static EngineSession open(byte[] model, String description, SessionConfig config, Map<String, String> entries) {
        ResolvedDevice device = ResolvedDevice.resolve(config.device());
        try (OrtSession.SessionOptions options = options(config, device)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                options.addConfigEntry(e.getKey(), e.getValue());
            }
            OrtSession session = OrtEnvironment.getEnvironment().createSession(model, options);
            return new EngineSession(session, device, description);
        } catch (OrtException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "ONNX Runtime rejected the model " + description + ": " + e.getMessage(), e);
        }
    }

    /** The session options for {@code config} on {@code device}. */
    static OrtSession.SessionOptions options(SessionConfig config, ResolvedDevice device) throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        try {
            o.setOptimizationLevel(config.optLevel());
            if (config.intraOpThreads() > 0) {
                o.setIntraOpNumThreads(config.intraOpThreads());
            }
            o.setDeterministicCompute(config.deterministic());
            o.setMemoryPatternOptimization(config.memoryPattern());
            if (device.isCuda()) {
                try (OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(device.index())) {
                    cuda.add("cudnn_conv_algo_search", config.cudnnAlgoSearch());
                    cuda.add("use_tf32", config.allowTf32() ? "1" : "0");
                    o.addCUDA(cuda);
                }
            }
            LOG.debug("session options: provider {}, threads {}, opt {}, deterministic {}, tf32 {}, cudnn search {}, memory pattern {}",
                    device, config.intraOpThreads(), config.optLevel(), config.deterministic(), config.allowTf32(),
                    config.cudnnAlgoSearch(), config.memoryPattern());
            return o;
        } catch (OrtException | RuntimeException e) {
            o.close();
            throw e;
        }
    }
}
