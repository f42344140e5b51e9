package org.lossbench.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lossbench.core.io.Json;

/** A small zoo protocol for the CLI's tests: {@code phantom-tiny}, losses {@code ce} then {@code dice}, seeds 0 and 1, 3 steps of 16^3. */
final class TestZooProtocol {
    private TestZooProtocol() {
    }

    /** Writes {@code zoo/protocol.json} for architecture {@code arch} trained with {@code optimizer}. */
    static void write(Path zoo, String arch, String optimizer) throws IOException {
        ObjectNode j = Json.mapper().createObjectNode();
        j.put("format", "lossbench.zoo-protocol").put("version", 1).put("arch", arch).put("batch", 1).put("optimizer", optimizer)
                .put("lr", 0.01).put("schedule", "poly").put("foreground_share", 0.5).put("augment", false).put("val_every", 3)
                .put("checkpoint_every", 1).put("threads", 1).put("device", "cpu");
        j.putArray("seeds").add(0).add(1);
        ObjectNode d = j.putArray("datasets").addObject().put("name", "phantom-tiny").put("split_seed", 0).put("steps", 3);
        d.putArray("patch").add(16).add(16).add(16);
        j.putArray("losses").addObject().put("name", "ce").put("spec", "ce");
        j.withArray("losses").addObject().put("name", "dice").put("spec", "dice");
        Files.writeString(zoo.resolve("protocol.json"), Json.pretty(j));
    }
}
