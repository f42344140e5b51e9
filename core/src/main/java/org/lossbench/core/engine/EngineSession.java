package org.lossbench.core.engine;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/** An ONNX Runtime session together with the device it runs on. */
public final class EngineSession implements AutoCloseable {
    private final OrtSession session;
    private final ResolvedDevice device;
    private final String description;

    EngineSession(OrtSession session, ResolvedDevice device, String description) {
        this.session = session;
        this.device = device;
        this.description = description;
    }

    public OrtSession session() {
        return session;
    }

    public ResolvedDevice device() {
        return device;
    }

    /** The model file or a description of the in-memory model. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new LossbenchException(ExitCode.INTERNAL, "cannot close the session of " + description + ": " + e.getMessage(), e);
        }
    }
}
