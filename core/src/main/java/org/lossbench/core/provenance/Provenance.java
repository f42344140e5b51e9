package org.lossbench.core.provenance;

import ai.onnxruntime.OrtEnvironment;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The software a result was produced with, recorded the same way in every output that carries
 * provenance (model cards, training cards, {@code evaluate}'s summary, the sweep's manifest and cells):
 * lossbench's version, the git commit of the running checkout ({@link GitInfo}, {@code -dirty} when
 * tracked files differ), the Java version, and the ONNX Runtime version.
 */
public record Provenance(
        @JsonProperty("lossbench_version") String lossbenchVersion,
        @JsonProperty("git_commit") String gitCommit,
        @JsonProperty("java_version") String javaVersion,
        @JsonProperty("onnxruntime_version") String onnxRuntimeVersion) {

    /** This process's provenance (computed once: the commit needs a {@code git} call). */
    public static Provenance current() {
        return Holder.CURRENT;
    }

    /** The fields under their JSON names, in record order, for documents assembled as maps. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lossbench_version", lossbenchVersion);
        m.put("git_commit", gitCommit);
        m.put("java_version", javaVersion);
        m.put("onnxruntime_version", onnxRuntimeVersion);
        return m;
    }

    private static final class Holder {
        static final Provenance CURRENT = new Provenance(BuildInfo.version(), GitInfo.commitOfInstallation(),
                System.getProperty("java.version"), OrtEnvironment.getEnvironment().getVersion());
    }
}
