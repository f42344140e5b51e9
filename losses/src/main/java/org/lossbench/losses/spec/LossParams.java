package org.lossbench.losses.spec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;

/**
 * The resolved parameters of one loss: every {@link ParamDef} of the loss with the given value or
 * its default, in definition order. Values are {@link Double}, {@link Boolean}, {@link String} or an
 * immutable {@code List<Double>}; an absent optional parameter has no entry.
 */
public final class LossParams {
    private final String loss;
    private final Map<String, Object> values;

    private LossParams(String loss, Map<String, Object> values) {
        this.loss = loss;
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Resolves {@code given} (values as written in a spec: strings, or already typed values from JSON)
     * against {@code defs}; an unknown key or a bad value is a usage error naming the loss, the key and
     * what is allowed.
     */
    public static LossParams resolve(String loss, List<ParamDef> defs, Map<String, ?> given) {
        Map<String, ParamDef> byName = new LinkedHashMap<>();
        defs.forEach(d -> byName.put(d.name(), d));
        for (String key : given.keySet()) {
            if (!byName.containsKey(key)) {
                throw usage(loss + " has no parameter '" + key + "'"
                        + (byName.isEmpty() ? " (it takes none)" : "; its parameters are " + String.join(", ", byName.keySet())));
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (ParamDef d : defs) {
            Object raw = given.get(d.name());
            Object v = raw == null ? d.defaultValue() : convert(loss, d, raw);
            if (v != null) {
                out.put(d.name(), v);
            }
        }
        return new LossParams(loss, out);
    }

    private static Object convert(String loss, ParamDef d, Object raw) {
        String where = loss + ":" + d.name();
        switch (d.kind()) {
            case BOOLEAN -> {
                if (raw instanceof Boolean b) {
                    return b;
                }
                String s = raw.toString().trim().toLowerCase(Locale.ROOT);
                if (s.equals("true") || s.equals("false")) {
                    return Boolean.valueOf(s);
                }
                throw usage(where + "=" + raw + ": expected true or false");
            }
            case CHOICE -> {
                String s = raw.toString().trim().toLowerCase(Locale.ROOT);
                if (d.choices().contains(s)) {
                    return s;
                }
                throw usage(where + "=" + raw + ": expected one of " + d.allowed());
            }
            case NUMBER -> {
                return number(where, d, raw);
            }
            case NUMBERS -> {
                return list(where, d, raw);
            }
            case NUMBER_OR_NUMBERS -> {
                return isList(raw) ? list(where, d, raw) : number(where, d, raw);
            }
            default -> throw new IllegalStateException(d.kind().toString());
        }
    }

    private static boolean isList(Object raw) {
        return raw instanceof List<?> || raw.toString().trim().startsWith("[");
    }

    private static Double number(String where, ParamDef d, Object raw) {
        double v;
        if (raw instanceof Number n) {
            v = n.doubleValue();
        } else {
            try {
                v = Double.parseDouble(raw.toString().trim());
            } catch (NumberFormatException e) {
                throw usage(where + "=" + raw + ": not a number; expected " + d.allowed());
            }
        }
        if (!d.inRange(v)) {
            throw usage(where + "=" + raw + ": out of range; expected " + d.allowed());
        }
        return v;
    }

    private static List<Double> list(String where, ParamDef d, Object raw) {
        List<Object> items = new ArrayList<>();
        if (raw instanceof List<?> l) {
            items.addAll(l);
        } else {
            String s = raw.toString().trim();
            if (!s.startsWith("[") || !s.endsWith("]")) {
                throw usage(where + "=" + raw + ": expected " + d.allowed());
            }
            String inner = s.substring(1, s.length() - 1).trim();
            if (!inner.isEmpty()) {
                items.addAll(List.of(inner.split(",", -1)));
            }
        }
        if (items.isEmpty()) {
            throw usage(where + "=" + raw + ": the list is empty; expected " + d.allowed());
        }
        List<Double> out = new ArrayList<>();
        for (Object item : items) {
            out.add(number(where, d, item));
        }
        return List.copyOf(out);
    }

    static LossbenchException usage(String message) {
        return new LossbenchException(ExitCode.USAGE, "bad loss spec: " + message);
    }

    /** The loss these parameters belong to. */
    public String loss() {
        return loss;
    }

    /** Name to value, in definition order (absent optional parameters left out). */
    public Map<String, Object> values() {
        return values;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public double number(String name) {
        return (Double) require(name);
    }

    public boolean bool(String name) {
        return (Boolean) require(name);
    }

    public String choice(String name) {
        return (String) require(name);
    }

    /** A list parameter, or a number parameter given as a number (then a one-element list). */
    @SuppressWarnings("unchecked")
    public List<Double> numbers(String name) {
        Object v = require(name);
        return v instanceof List<?> ? (List<Double>) v : List.of((Double) v);
    }

    /** Whether the parameter was given as a list (rather than a single number). */
    public boolean isList(String name) {
        return values.get(name) instanceof List<?>;
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalStateException(loss + " has no value for " + name);
        }
        return v;
    }

    /** The parameters as written in a spec: {@code key=value,...} in definition order, lists in brackets. */
    public String toSpec() {
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> parts.add(k + "=" + format(v)));
        return String.join(",", parts);
    }

    /**
     * The parameters that differ from {@code defaults}, as written in a spec ({@code key=value,...} in
     * definition order; empty when every value is the default).
     */
    public String toSpecOmitting(LossParams defaults) {
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> {
            if (!v.equals(defaults.values.get(k))) {
                parts.add(k + "=" + format(v));
            }
        });
        return String.join(",", parts);
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            return ParamDef.fmt(d);
        }
        if (v instanceof List<?> l) {
            List<String> s = new ArrayList<>();
            l.forEach(x -> s.add(ParamDef.fmt((Double) x)));
            return "[" + String.join(",", s) + "]";
        }
        return v.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossParams p && p.loss.equals(loss) && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return loss.hashCode() * 31 + values.hashCode();
    }

    @Override
    public String toString() {
        return loss + (values.isEmpty() ? "" : ":" + toSpec());
    }
}
