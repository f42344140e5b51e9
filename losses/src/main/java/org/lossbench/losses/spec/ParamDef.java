package org.lossbench.losses.spec;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of a loss: its name (snake_case, as written in a spec), its kind, its default
 * ({@code null} when the parameter is off unless given) and the range a number must lie in.
 *
 * @param name the key in a spec such as {@code focal:gamma=2}
 * @param kind how the value is written and stored
 * @param defaultValue the value used when the spec omits the key ({@code null}: absent)
 * @param description one line for {@code lossbench losses list}
 * @param min smallest allowed number (inclusive), for numbers and each element of a list
 * @param max largest allowed number (inclusive)
 * @param minExclusive whether {@code min} itself is excluded
 * @param choices the allowed words of a {@link Kind#CHOICE}
 */
public record ParamDef(String name, Kind kind, Object defaultValue, String description,
                       double min, double max, boolean minExclusive, List<String> choices) {
    /** How a parameter's value is written in a spec and stored in {@link LossParams}. */
    public enum Kind {
        /** A finite number, stored as {@link Double}. */
        NUMBER,
        /** {@code true} or {@code false}, stored as {@link Boolean}. */
        BOOLEAN,
        /** One word out of {@link ParamDef#choices()}, stored as {@link String}. */
        CHOICE,
        /** A bracketed list {@code [0.2,0.8]}, one number per class, stored as an immutable {@code List<Double>}. */
        NUMBERS,
        /** A number or a bracketed list. */
        NUMBER_OR_NUMBERS
    }

    public ParamDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** A number in {@code [min, max]} with a default. */
    public static ParamDef number(String name, double defaultValue, double min, double max, String description) {
        return new ParamDef(name, Kind.NUMBER, defaultValue, description, min, max, false, null);
    }

    /** A number in {@code (min, max]} with a default. */
    public static ParamDef positive(String name, double defaultValue, double max, String description) {
        return new ParamDef(name, Kind.NUMBER, defaultValue, description, 0, max, true, null);
    }

    public static ParamDef bool(String name, boolean defaultValue, String description) {
        return new ParamDef(name, Kind.BOOLEAN, defaultValue, description, 0, 0, false, null);
    }

    public static ParamDef choice(String name, String defaultValue, List<String> choices, String description) {
        return new ParamDef(name, Kind.CHOICE, defaultValue, description, 0, 0, false, choices);
    }

    /** A per-class list, absent by default, each element in {@code [min, max]}. */
    public static ParamDef numbers(String name, double min, double max, boolean minExclusive, String description) {
        return new ParamDef(name, Kind.NUMBERS, null, description, min, max, minExclusive, null);
    }

    /** A number or per-class list, absent by default, each in {@code [min, max]}. */
    public static ParamDef numberOrNumbers(String name, double min, double max, String description) {
        return new ParamDef(name, Kind.NUMBER_OR_NUMBERS, null, description, min, max, false, null);
    }

    /** The allowed values in words, for messages and the list command. */
    public String allowed() {
        return switch (kind) {
            case BOOLEAN -> "true or false";
            case CHOICE -> String.join(", ", choices);
            case NUMBER -> range();
            case NUMBERS -> "a list [v0,v1,...] with one value per class, each " + range();
            case NUMBER_OR_NUMBERS -> "a number or a list [v0,v1,...] with one value per class, each " + range();
        };
    }

    private String range() {
        String hi = max >= 1e300 ? "inf)" : fmt(max) + "]";
        return "in " + (minExclusive ? "(" : "[") + fmt(min) + ", " + hi;
    }

    boolean inRange(double v) {
        return Double.isFinite(v) && (minExclusive ? v > min : v >= min) && v <= max;
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
