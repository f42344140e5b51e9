package org.lossbench.eval.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.lossbench.core.BadInputException;

/**
 * Whether two sweeps measured the same thing: the same split ({@code split}, {@code split_seed}: the
 * evaluated cases) and the same evaluation settings (the spec's {@code evaluation} block: classes,
 * NSD tolerance, lesion connectivity and matching, empty-case policy, size bins). If any differs, a
 * change in the numbers says nothing about the models, so the gate refuses to compare (exit 3) and
 * names every difference.
 *
 * <p>{@code evaluation.bootstrap_seed} is left out: it moves only the bootstrap confidence intervals,
 * which the gate does not check. Everything else that differs (training, inference, models, losses)
 * is exactly what the gate is there to judge.
 */
public final class Comparability {
    /** The fields of the spec whose values must be equal. */
    static final List<String> SPLIT_FIELDS = List.of("split", "split_seed");
    static final String EVALUATION = "evaluation";
    static final Set<String> IGNORED_EVALUATION_FIELDS = Set.of("bootstrap_seed");

    private Comparability() {
    }

    /** The differences between the two sweeps' settings, one line each ({@code evaluation.tolerance_mm: baseline "2", current "1"}). */
    public static List<String> differences(SweepFolder baseline, SweepFolder current) {
        List<String> out = new ArrayList<>();
        for (String f : SPLIT_FIELDS) {
            diff(f, baseline.spec().path(f), current.spec().path(f), out);
        }
        JsonNode b = baseline.spec().path(EVALUATION);
        JsonNode c = current.spec().path(EVALUATION);
        Set<String> fields = new TreeSet<>();
        b.fieldNames().forEachRemaining(fields::add);
        c.fieldNames().forEachRemaining(fields::add);
        for (String f : fields) {
            if (!IGNORED_EVALUATION_FIELDS.contains(f)) {
                diff(EVALUATION + "." + f, b.path(f), c.path(f), out);
            }
        }
        return out;
    }

    /** Throws a {@link BadInputException} naming every difference, if there is one. */
    public static void require(SweepFolder baseline, SweepFolder current) {
        List<String> d = differences(baseline, current);
        if (!d.isEmpty()) {
            throw new BadInputException("the sweeps were evaluated differently, so comparing them is meaningless: " + String.join("; ", d)
                    + " (baseline " + baseline.dir() + ", current " + current.dir() + "); run the current sweep with the baseline's "
                    + "split and evaluation settings, or refresh the baseline deliberately");
        }
    }

    private static void diff(String name, JsonNode b, JsonNode c, List<String> out) {
        if (!same(b, c)) {
            out.add(name + ": baseline " + show(b) + ", current " + show(c));
        }
    }

    /** Equal JSON values; absent and null are the same (a resolved spec leaves defaults such as {@code labels} null). */
    private static boolean same(JsonNode b, JsonNode c) {
        boolean bn = b.isMissingNode() || b.isNull();
        boolean cn = c.isMissingNode() || c.isNull();
        if (bn || cn) {
            return bn && cn;
        }
        if (b.isNumber() && c.isNumber()) {
            return b.decimalValue().compareTo(c.decimalValue()) == 0;
        }
        if (b.isArray() && c.isArray()) {
            if (b.size() != c.size()) {
                return false;
            }
            Iterator<JsonNode> bi = b.elements();
            Iterator<JsonNode> ci = c.elements();
            while (bi.hasNext()) {
                if (!same(bi.next(), ci.next())) {
                    return false;
                }
            }
            return true;
        }
        return b.equals(c);
    }

    private static String show(JsonNode v) {
        return v == null || v instanceof MissingNode || v.isNull() ? "(default)" : v.toString();
    }
}
