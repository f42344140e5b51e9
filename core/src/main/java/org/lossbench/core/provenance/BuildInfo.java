package org.lossbench.core.provenance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions fixed at build time: lossbench's own and the ONNX Runtime artifact it was built with. */
public final class BuildInfo {
    private static final Properties PROPS = load();

    private BuildInfo() {
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The project version, such as {@code 0.1.0-SNAPSHOT}. */
    public static String version() {
        return PROPS.getProperty("version", "unknown");
    }

    /** The ONNX Runtime Maven artifact on the classpath: {@code onnxruntime_gpu} or {@code onnxruntime}. */
    public static String onnxRuntimeArtifact() {
        return PROPS.getProperty("onnxruntime.artifact", "unknown");
    }
}
