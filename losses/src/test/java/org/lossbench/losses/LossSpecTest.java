package org.lossbench.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

class LossSpecTest {
    @Test
    void singleLossWithDefaults() {
        CompoundLoss l = CompoundLoss.parse("dice");
        assertEquals(1, l.terms().size());
        assertEquals(LossKind.DICE, l.terms().get(0).loss().kind());
        assertEquals(1.0, l.terms().get(0).weight());
        assertEquals("dice:include_background=true,batch=false,squared_pred=false,smooth_nr=0.00001,smooth_dr=0.00001",
                l.spec().replace("1.0E-5", "0.00001"));
    }

    @Test
    void parametersAreTyped() {
        Loss focal = CompoundLoss.parse("focal:gamma=2,alpha=0.25").terms().get(0).loss();
        assertEquals(2.0, focal.params().number("gamma"));
        assertEquals(List.of(0.25), focal.params().numbers("alpha"));
        assertEquals("softmax", focal.params().choice("activation"));
        Loss ce = CompoundLoss.parse("ce:weight=[0.2, 0.8]").terms().get(0).loss();
        assertEquals(List.of(0.2, 0.8), ce.params().numbers("weight"));
        assertEquals(true, CompoundLoss.parse("FOCAL : Include_Background = TRUE").terms().get(0).loss().params().bool("include_background"));
    }

    @Test
    void weightedSumsAndPresets() {
        CompoundLoss l = CompoundLoss.parse("0.5*dice+0.5*ce");
        assertEquals(List.of("dice", "ce"), l.terms().stream().map(CompoundLoss.Term::name).toList());
        assertEquals(List.of(0.5, 0.5), l.terms().stream().map(CompoundLoss.Term::weight).toList());
        for (String preset : LossPresets.NAMES.keySet()) {
            CompoundLoss p = CompoundLoss.parse(preset);
            assertEquals(2, p.terms().size(), preset);
            assertTrue(p.terms().stream().allMatch(t -> t.weight() == 1), preset);
        }
        assertEquals(LossKind.TOPK, CompoundLoss.parse("dice+topk").terms().get(1).loss().kind());
        // repeated losses get distinct term names; exponent signs are not term separators
        CompoundLoss twice = CompoundLoss.parse("dice:smooth_nr=1e+0+2e-1*dice:batch=true");
        assertEquals(List.of("dice", "dice_2"), twice.terms().stream().map(CompoundLoss.Term::name).toList());
        assertEquals(1.0, twice.terms().get(0).loss().params().number("smooth_nr"));
        assertEquals(0.2, twice.terms().get(1).weight());
    }

    @Test
    void theShortSpecLeavesOutDefaultsAndParsesBack() {
        assertEquals("dice", CompoundLoss.parse("dice:include_background=true,smooth_nr=1e-5").shortSpec());
        assertEquals("dice+ce", CompoundLoss.parse("dice+ce").shortSpec());
        assertEquals("focal:gamma=3", CompoundLoss.parse("focal:gamma=3").shortSpec());
        assertEquals("0.3*dice:batch=true+0.7*ce:weight=[1,2]", CompoundLoss.parse("0.3*dice:batch=true+0.7*ce:weight=[1,2]").shortSpec());
        for (String spec : List.of("dice", "focal:gamma=3", "dice+topk:k=12.5", "tversky:alpha=0.7,beta=0.3")) {
            CompoundLoss l = CompoundLoss.parse(spec);
            assertEquals(l, CompoundLoss.parse(l.shortSpec()), spec);
        }
    }

    @Test
    void canonicalSpecAndJsonRoundTrip() {
        for (String spec : List.of("dice", "0.3*focal:alpha=[0.1,0.9],activation=sigmoid+0.7*exp-log:batch=true",
                "dice+topk:k=12.5", "generalized-dice:w_type=simple+ce:weight=[1,2,3]", "focal-tversky+tversky")) {
            CompoundLoss l = CompoundLoss.parse(spec);
            assertEquals(l, CompoundLoss.parse(l.spec()), spec);
            assertEquals(l, CompoundLoss.fromJson(l.toJson()), spec);
        }
        CompoundLoss fromSpecOnly = CompoundLoss.fromJson("{\"spec\": \"dice+ce\"}");
        assertEquals(CompoundLoss.parse("dice+ce"), fromSpecOnly);
        CompoundLoss minimal = CompoundLoss.fromJson("{\"terms\": [{\"loss\": \"focal\", \"params\": {\"gamma\": 1, \"alpha\": [0.5, 0.5]}}]}");
        assertEquals(CompoundLoss.parse("focal:gamma=1,alpha=[0.5,0.5]"), minimal);
    }

    @Test
    void jsonIsSnakeCaseWithResolvedParameters() {
        String json = CompoundLoss.parse("0.5*exp-log+0.5*ce").toJson();
        assertTrue(json.contains("\"terms\":[{\"name\":\"exp-log\",\"weight\":0.5,\"loss\":\"exp-log\",\"params\":{\"w_dice\":0.8,"), json);
        assertTrue(json.startsWith("{\"spec\":\"0.5*exp-log:w_dice=0.8,"), json);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''| the spec is empty",
            "dise| unknown loss 'dise'; known losses: ce, topk, dice",
            "dice+| empty term",
            "focal:gamma=two| focal:gamma=two: not a number",
            "focal:gamma=-1| focal:gamma=-1: out of range; expected in [0, 100]",
            "focal:beta=1| focal has no parameter 'beta'; its parameters are gamma, alpha, activation, include_background",
            "focal:gamma| 'gamma' is not key=value",
            "focal:gamma=1,gamma=2| parameter 'gamma' is given twice",
            "focal:activation=relu| expected one of softmax, sigmoid",
            "dice:batch=yes| expected true or false",
            "ce:weight=[1,0]| out of range; expected a list [v0,v1,...] with one value per class, each in (0,",
            "ce:weight=[1,2| unbalanced '['",
            "ce:weight=[]| the list is empty",
            "0*dice| the weight must be a positive finite number",
            "x*dice| the weight 'x' before '*' is not a number",
            "topk:k=0| out of range",
            "topk:k=10.0001| more than three decimals",
            "dice:smooth_dr=0| dice:smooth_dr=0: out of range; expected in (0,",
            "dice:| nothing after ':'",
    })
    void badSpecsAreUsageErrors(String spec, String message) {
        LossbenchException e = assertThrows(LossbenchException.class, () -> CompoundLoss.parse(spec));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("bad loss spec: "), e.getMessage());
        assertTrue(e.getMessage().contains(message.trim()), e.getMessage());
    }

    @Test
    void perClassListsMustMatchK() {
        LossInput k2 = Inputs.random(1, 1, 2, 1, 2, 2, 1, 2);
        LossbenchException e = assertThrows(LossbenchException.class, () -> CompoundLoss.parse("ce:weight=[1,2,3]").reference(k2));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("weight has 3 values but the logits have K = 2 classes"), e.getMessage());
        assertThrows(LossbenchException.class, () -> CompoundLoss.parse("focal:alpha=[0.5]").reference(k2));
    }

    @Test
    void badJsonIsAUsageError() {
        for (String json : List.of("{", "[]", "{\"terms\": []}", "{\"terms\": [{\"weight\": 1}]}",
                "{\"terms\": [{\"loss\": \"dice\", \"weight\": -1}]}", "{\"terms\": [{\"loss\": \"dice\", \"params\": {\"nope\": 1}}]}")) {
            LossbenchException e = assertThrows(LossbenchException.class, () -> CompoundLoss.fromJson(json), json);
            assertEquals(ExitCode.USAGE, e.exitCode(), json);
        }
    }

    @Test
    void everyKindHasItsDocumentation() {
        for (LossKind k : LossKind.values()) {
            assertTrue(!k.formula().isBlank() && !k.reference().isBlank() && !k.title().isBlank(), k.toString());
            assertEquals(k, LossKind.of(k.id()));
            k.withDefaults();
        }
        assertEquals(Map.of(), LossKind.CE.withDefaults().params().values());
    }
}
