package org.lossbench.eval.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** {@code wilcoxon_scipy.json}, written by {@code tools/wilcoxon_reference.py} with scipy. */
final class ScipyFixture {
    private ScipyFixture() {
    }

    static JsonNode root() {
        try (InputStream in = ScipyFixture.class.getResourceAsStream("wilcoxon_scipy.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode testCase(String name) {
        for (JsonNode c : root().get("cases")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no case " + name + " in wilcoxon_scipy.json");
    }

    static double[] differences(JsonNode c) {
        double[] d = new double[c.get("d").size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = c.get("d").get(i).doubleValue();
        }
        return d;
    }

    /** |actual - expected| <= rel |expected|. */
    static boolean closeRelative(double expected, double actual, double rel) {
        return Math.abs(actual - expected) <= rel * Math.abs(expected);
    }
}
