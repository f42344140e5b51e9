package org.lossbench.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    /**
     * Keys sorted at every level whatever the map's own order, a null map value kept (the shared mapper would drop
     * it from a document), lists in their order, numbers as Java writes them, enums and {@code @JsonValue} types by
     * their JSON value. The expected text is written out by hand.
     */
    @Test
    void sortsEveryLevelAndKeepsNulls() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z_last", 0.1);
        inner.put("a_first", true);
        inner.put("m", null);
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("split_seed", 7L);
        tree.put(ModelDigest.KEY, new ModelDigest(null, "gone.onnx"));
        tree.put("mode", SweepMode.TRAIN);
        tree.put("list", Arrays.asList(3, null, "x", List.of(2.5, -1)));
        tree.put("inference", inner);
        tree.put("empty", new TreeMap<>());
        tree.put("absent", null);
        assertEquals("{\"absent\":null,\"empty\":{},\"inference\":{\"a_first\":true,\"m\":null,\"z_last\":0.1},"
                + "\"list\":[3,null,\"x\",[2.5,-1]],\"mode\":\"train\",\"model_sha256\":\"missing:gone.onnx\",\"split_seed\":7}",
                CanonicalJson.of(tree));
    }

    /** SHA-256 of the canonical text's UTF-8 bytes: an empty map is the text {@code {}}, whose digest sha256sum gives. */
    @Test
    void keyIsTheSha256OfTheText() {
        assertEquals("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", CanonicalJson.sha256(Map.of()));
    }
}
