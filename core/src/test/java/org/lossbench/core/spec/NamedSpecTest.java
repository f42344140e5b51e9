package org.lossbench.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code NAME[:key=value,...]} grammar: what it reads, and the reason it gives for what it refuses. */
class NamedSpecTest {
    private static NamedSpec parse(String text) {
        return NamedSpec.parse(text, IllegalArgumentException::new);
    }

    @Test
    void aNameAloneHasNoParameters() {
        assertEquals(new NamedSpec("dice", Map.of()), parse("dice"));
        assertEquals(new NamedSpec("vnet-tiny", Map.of()), parse("  VNet-Tiny "), "trimmed, in lower case");
    }

    @Test
    void parametersKeepTheirOrderKeysInLowerCaseValuesAsWritten() {
        NamedSpec s = parse("Adam: Beta2 = 0.99 ,weight_decay=1E-5");
        assertEquals("adam", s.name());
        assertEquals(List.of("beta2", "weight_decay"), List.copyOf(s.params().keySet()));
        assertEquals(List.of("0.99", "1E-5"), List.copyOf(s.params().values()));
        assertEquals(List.of("gamma", "every"), List.copyOf(parse("step:gamma=0.5,every=10").params().keySet()), "the spec's order, not sorted");
    }

    @Test
    void bracketsHoldCommasAndTheFirstEqualsSignSplits() {
        NamedSpec s = parse("ce:weight=[0.2, 0.8],activation=softmax");
        assertEquals(Map.of("weight", "[0.2, 0.8]", "activation", "softmax"), s.params());
        assertEquals("[[1,2],[3]]", parse("x:k=[[1,2],[3]]").params().get("k"), "nested brackets");
        assertEquals("a=b", parse("x:k=a=b").params().get("k"), "only the first '=' separates key and value");
    }

    @Test
    void theParametersCannotBeChanged() {
        assertThrows(UnsupportedOperationException.class, () -> parse("dice:batch=true").params().put("x", "1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''| no name",
        "':gamma=2'| no name",
        "2dice| '2dice' is not a name",
        "di ce| 'di ce' is not a name",
        "dice:| nothing after ':'",
        "'dice:  '| nothing after ':'",
        "focal:gamma| 'gamma' is not key=value",
        "focal:=2| '=2' is not key=value",
        "focal:gamma=| 'gamma=' is not key=value",
        "focal:gamma=2,| '' is not key=value",
        "focal:gamma=1,Gamma=2| parameter 'gamma' is given twice",
        "ce:weight=[1,2| unbalanced '['",
        "ce:weight=1]| unbalanced ']'",
    })
    void syntaxErrorsSayWhatIsWrong(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(text), text);
        assertTrue(e.getMessage().startsWith(reason), e.getMessage());
    }

    @Test
    void theCallerMakesTheException() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> NamedSpec.parse("sgd:momentum", why -> new IllegalStateException("optimiser 'sgd:momentum': " + why)));
        assertEquals("optimiser 'sgd:momentum': 'momentum' is not key=value", e.getMessage());
    }
}
