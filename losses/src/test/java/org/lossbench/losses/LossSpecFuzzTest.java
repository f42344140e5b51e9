package org.lossbench.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/**
 * Any string made of spec characters either parses to a loss whose canonical spec and JSON parse back
 * to an equal loss, or fails with a usage error; never with another exception.
 */
class LossSpecFuzzTest {
    @Provide
    Arbitrary<String> specs() {
        Arbitrary<String> tokens = Arbitraries.of("dice", "ce", "topk", "focal", "exp-log", "tversky", "focal-tversky",
                "generalized-dice", "dice-vnet", ":", ",", "=", "+", "*", "[", "]", "0.5", "2", "-1", "1e+3", "gamma", "alpha",
                "k", "batch", "true", "w_type", "square", "weight", "include_background", " ", "", "nan", "inf", ".");
        return tokens.list().ofMaxSize(12).map(l -> String.join("", l));
    }

    @Property(tries = 3000)
    void parsesOrFailsAsAUsageError(@ForAll("specs") String spec) {
        CompoundLoss loss;
        try {
            loss = CompoundLoss.parse(spec);
        } catch (LossbenchException e) {
            assertEquals(ExitCode.USAGE, e.exitCode(), spec);
            return;
        }
        assertEquals(loss, CompoundLoss.parse(loss.spec()), spec);
        assertEquals(loss, CompoundLoss.parse(loss.shortSpec()), spec);
        assertEquals(loss, CompoundLoss.fromJson(loss.toJson()), spec);
    }
}
