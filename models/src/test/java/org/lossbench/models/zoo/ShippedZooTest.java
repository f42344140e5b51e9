package org.lossbench.models.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.EngineSession;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.engine.Sessions;
import org.lossbench.models.infer.ModelContract;

/**
 * The models of the first zoo, shipped in {@code models/zoo/} (superseded as the default sweep's by {@value ModelZoo#DEFAULT}, whose
 * completeness and cards ZooCardsRecomputedTest checks; still swept with {@code --zoo models/zoo}): each file is the one its
 * card describes (SHA-256), meets the model contract for {@code phantom-lesions} (2 channels, CT and MR;
 * 4 classes: background, organ, vessel, lesion), was trained as the zoo's protocol says (vnet-lite,
 * 48^3 patches), and names one of the eight losses of issue 7, each at most once.
 */
class ShippedZooTest {
    private static final Set<String> ZOO_LOSSES = Set.of("ce", "dice", "generalized-dice", "focal", "exp-log", "dice+ce", "dice+focal",
            "tversky:alpha=0.3,beta=0.7");

    @Test
    void everyShippedModelMatchesItsCardAndTheContract() {
        Path dir = Path.of(System.getProperty("lossbench.root", "..")).resolve("models/zoo");
        ModelZoo zoo = ModelZoo.read(dir);
        List<String> losses = zoo.losses("phantom-lesions@1", "vnet-lite");
        assertFalse(losses.isEmpty(), "the zoo in " + dir + " is empty");
        assertEquals(zoo.entries().size(), losses.size(), "one model per loss: " + losses);
        assertEquals(ZOO_LOSSES, Set.copyOf(losses), "the zoo holds exactly its eight losses, none missing");
        assertEquals("ce", losses.get(0), "cross-entropy, the reference loss, comes first");
        for (ModelZoo.Entry e : zoo.entries()) {
            e.verify();
            assertArrayEquals(new int[] {48, 48, 48}, e.patch(), e.file().toString());
            try (EngineSession s = Sessions.open(e.file(), SessionConfig.defaults(Device.CPU).withThreads(1))) {
                ModelContract c = ModelContract.check(s.session(), e.file().toString());
                assertEquals(2, c.inChannels(), e.file().toString());
                assertEquals(4, c.classes(), e.file().toString());
            }
        }
    }
}
