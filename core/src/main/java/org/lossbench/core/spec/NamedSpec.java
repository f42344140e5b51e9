package org.lossbench.core.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A name with optional parameters, {@code NAME[:key=value,...]}: the one grammar of loss terms
 * ({@code focal:gamma=2,alpha=0.25}), model architectures ({@code vnet-lite:width=8}), optimisers
 * ({@code adam:beta2=0.99}) and learning-rate schedules ({@code step:every=100,gamma=0.5}).
 * <pre>
 *   spec  := name [':' param (',' param)*]
 *   name  := letter (letter | digit | '-')*            (case-insensitive: read in lower case)
 *   param := key '=' value                              (key case-insensitive; value as written)
 *   value := any text; a ',' inside '[...]' does not end it, so lists read as one value: weight=[0.2,0.8]
 * </pre>
 * Whitespace around the name, keys and values is ignored. A ':' with nothing after it, a parameter
 * without '=' or with an empty key or value, a key given twice and unbalanced brackets are errors; the
 * parameters keep their order. What a name and its keys mean is the caller's business ({@code LossKind},
 * {@code Architecture}, {@code Optimizer}, {@code LrSchedule}).
 *
 * @param name the name in lower case
 * @param params key (lower case) to value (trimmed, as written), in the spec's order
 */
public record NamedSpec(String name, Map<String, String> params) {
    public NamedSpec {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * Parses {@code text}; a syntax error becomes {@code error.apply(reason)}, where {@code reason} says
     * what is wrong (e.g. {@code "'gamma' is not key=value"}) and the caller adds which spec it is and
     * what it expects.
     */
    public static NamedSpec parse(String text, Function<String, ? extends RuntimeException> error) {
        String t = text == null ? "" : text.strip();
        int colon = t.indexOf(':');
        String name = (colon < 0 ? t : t.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            throw error.apply("no name; write a name such as dice, vnet-lite or adam, then optionally :key=value,...");
        }
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw error.apply("'" + name + "' is not a name (a letter, then letters, digits and '-')");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if (colon >= 0) {
            String list = t.substring(colon + 1);
            if (list.isBlank()) {
                throw error.apply("nothing after ':'; write key=value pairs such as gamma=2, or leave out the ':'");
            }
            for (String kv : splitParams(list, error)) {
                int eq = kv.indexOf('=');
                String key = eq < 0 ? "" : kv.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : kv.substring(eq + 1).strip();
                if (key.isEmpty() || value.isEmpty()) {
                    throw error.apply("'" + kv.strip() + "' is not key=value");
                }
                if (params.put(key, value) != null) {
                    throw error.apply("parameter '" + key + "' is given twice");
                }
            }
        }
        return new NamedSpec(name, params);
    }

    /** Splits at the commas outside brackets. */
    private static List<String> splitParams(String list, Function<String, ? extends RuntimeException> error) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char ch = list.charAt(i);
            if (ch == '[') {
                depth++;
            } else if (ch == ']' && --depth < 0) {
                throw error.apply("unbalanced ']'");
            } else if (ch == ',' && depth == 0) {
                out.add(list.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw error.apply("unbalanced '['");
        }
        out.add(list.substring(start));
        return out;
    }
}
