package org.lossbench.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.io.Json;
import org.lossbench.datasets.preprocess.CtNormalization;
import org.lossbench.datasets.preprocess.PreprocessingRecord;
import org.lossbench.datasets.registry.DatasetRegistry;

/**
 * The shipped zoo cards carry the preprocessing record their models were trained with: each committed card
 * is exactly what {@link ZooCardMigration} makes of it without the field (which checks the model's SHA-256,
 * the dataset checksum and the split), and the CT statistics agree with numpy's on the written v1 files
 * ({@code tools/zoo_ct_statistics.py}, output in {@code zoo-ct-statistics.json}).
 */
class ZooCardMigrationTest {
    private static final Path ZOO = Path.of(System.getProperty("lossbench.root", "..")).resolve("models/zoo");

    @Test
    void everyShippedCardIsItsMigrationAndMatchesNumpy(@TempDir Path tmp) throws Exception {
        List<Path> cards;
        try (Stream<Path> s = Files.list(ZOO)) {
            cards = s.filter(p -> p.getFileName().toString().endsWith(".card.json")).sorted().toList();
        }
        assertEquals(8, cards.size(), "the zoo's eight cards");
        JsonNode numpy = Json.mapper().readTree(getClass().getResourceAsStream("/zoo-ct-statistics.json"));
        ZooCardMigration m = new ZooCardMigration(new DatasetRegistry(tmp.resolve("registry.json")));
        for (Path card : cards) {
            String committed = Files.readString(card);
            ObjectNode stripped = (ObjectNode) Json.mapper().readTree(committed);
            JsonNode rec = stripped.remove("preprocessing");
            assertEquals(committed, m.migrate(ZooCardMigration.write(stripped), card), card.toString());
            assertEquals(committed, m.migrate(committed, card), "a migrated card is left alone");

            PreprocessingRecord r = PreprocessingRecord.fromJson(rec, card.toString());
            assertEquals(List.of("CT", "MR-T2"), r.modalities());
            assertNull(r.channels().get(1).ct(), "MR is z-scored per case");
            assertNull(r.targetSpacing());
            assertEquals(new PreprocessingRecord.FittedOn("phantom-lesions", stripped.get("dataset_checksum").asText(), 24), r.fittedOn());
            CtNormalization ct = r.channels().get(0).ct();
            assertEquals(numpy.get("lower").asDouble(), ct.lower(), 1e-9, card.toString());
            assertEquals(numpy.get("upper").asDouble(), ct.upper(), 1e-9, card.toString());
            assertEquals(numpy.get("mean").asDouble(), ct.mean(), 1e-9, card.toString());
            assertEquals(numpy.get("std").asDouble(), ct.std(), 1e-9, card.toString());
            assertFalse(stripped.has("preprocessing"));
        }
    }
}
