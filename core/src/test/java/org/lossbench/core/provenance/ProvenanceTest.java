package org.lossbench.core.provenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvenanceTest {
    @Test
    void recordsThisProcess() {
        Provenance p = Provenance.current();
        assertEquals(System.getProperty("java.version"), p.javaVersion());
        assertTrue(p.onnxRuntimeVersion().matches("\\d+\\.\\d+\\.\\d+.*"), p.onnxRuntimeVersion());
        assertTrue(p.gitCommit().matches("[0-9a-f]{40}(-dirty)?|unknown"), p.gitCommit());
        assertEquals(BuildInfo.version(), p.lossbenchVersion());
    }

    @Test
    void theMapAndTheJsonUseTheSameNames() throws Exception {
        Provenance p = new Provenance("1.0", "abc", "17.0.1", "1.24.2");
        Map<String, Object> m = p.toMap();
        assertEquals(List.of("lossbench_version", "git_commit", "java_version", "onnxruntime_version"), List.copyOf(m.keySet()));
        assertEquals("{\"lossbench_version\":\"1.0\",\"git_commit\":\"abc\",\"java_version\":\"17.0.1\",\"onnxruntime_version\":\"1.24.2\"}",
                new ObjectMapper().writeValueAsString(p));
    }
}
