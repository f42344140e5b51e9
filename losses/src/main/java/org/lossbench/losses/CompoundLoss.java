package org.lossbench.losses;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.graph.Value;
import org.lossbench.core.io.Json;
import org.lossbench.losses.graph.LossGraphContext;
import org.lossbench.losses.spec.LossSpecParser;

/**
 * A weighted sum of losses, {@code L = sum_i weight_i L_i}, as a spec such as {@code 0.5*dice+0.5*ce}
 * or a preset ({@link LossPresets}); a single loss is the sum of one term with weight 1. Each term is
 * named after its loss ({@code dice}, {@code ce}; a repeated loss gets {@code _2}, {@code _3}), and
 * both forms report every term's unweighted value beside the total.
 */
public final class CompoundLoss {
    /** One term: its name, weight and loss. */
    public record Term(String name, double weight, Loss loss) {
    }

    /** Graph output name of the total. */
    public static final String OUTPUT = "loss";

    /** The JSON form: the canonical spec and every term with its resolved parameters. */
    public record Document(String spec, List<TermDocument> terms) {
    }

    /** One term of the JSON form. */
    public record TermDocument(String name, double weight, String loss, Map<String, Object> params) {
    }

    /** The reference value of the total and of each term (unweighted), in term order. */
    public record Evaluation(double total, Map<String, Double> terms) {
    }

    private final List<Term> terms;

    private CompoundLoss(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    /** Parses a spec ({@link LossSpecParser}); bad specs are usage errors. */
    public static CompoundLoss parse(String spec) {
        List<Term> terms = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (LossSpecParser.RawTerm t : LossSpecParser.parse(spec)) {
            Loss loss = LossKind.of(t.name()).create(t.params());
            terms.add(new Term(uniqueName(seen, loss.kind().id()), t.weight(), loss));
        }
        return new CompoundLoss(terms);
    }

    /** A single loss as a one-term sum. */
    public static CompoundLoss of(Loss loss) {
        return new CompoundLoss(List.of(new Term(loss.kind().id(), 1, loss)));
    }

    private static String uniqueName(Map<String, Integer> seen, String id) {
        int n = seen.merge(id, 1, Integer::sum);
        return n == 1 ? id : id + "_" + n;
    }

    public List<Term> terms() {
        return terms;
    }

    /** The spec with every parameter written out, which parses back to an equal loss. */
    public String spec() {
        List<String> parts = new ArrayList<>();
        for (Term t : terms) {
            parts.add((terms.size() == 1 && t.weight() == 1 ? "" : fmt(t.weight()) + "*") + t.loss().spec());
        }
        return String.join("+", parts);
    }

    /**
     * The spec with only what differs from the defaults (weights of 1 and default parameters left out:
     * {@code dice+ce}); parses back to an equal loss.
     */
    public String shortSpec() {
        List<String> parts = new ArrayList<>();
        for (Term t : terms) {
            parts.add((t.weight() == 1 ? "" : fmt(t.weight()) + "*") + t.loss().shortSpec());
        }
        return String.join("+", parts);
    }

    private static String fmt(double w) {
        return w == Math.rint(w) && Math.abs(w) < 1e15 ? Long.toString((long) w) : Double.toString(w);
    }

    /** Whether the graph has per-term outputs (more than one term). */
    public boolean isCompound() {
        return terms.size() > 1;
    }

    /** The graph output name of a term's unweighted value. */
    public static String termOutput(String termName) {
        return OUTPUT + "/" + termName;
    }

    public Evaluation reference(LossInput in) {
        Map<String, Double> values = new LinkedHashMap<>();
        double total = 0;
        for (Term t : terms) {
            double v = t.loss().reference(in);
            values.put(t.name(), v);
            total += t.weight() * v;
        }
        return new Evaluation(total, values);
    }

    /**
     * Appends every term and their weighted sum to the graph; returns the output values by name:
     * {@value #OUTPUT} for the total and, for more than one term, {@code loss/<term>} for each
     * unweighted term. The caller decides which to mark as graph outputs.
     */
    @SuppressWarnings("try") // the scope only names the nodes made inside it
    public Map<String, Value> emit(LossGraphContext ctx) {
        Map<String, Value> out = new LinkedHashMap<>();
        Value total = null;
        for (Term t : terms) {
            Value v;
            try (var scope = ctx.graph().scope(t.name())) {
                v = t.loss().emit(ctx);
                Value weighted = t.weight() == 1 ? v : ctx.scale("weighted", v, t.weight());
                total = total == null ? weighted : ctx.add("sum", total, weighted);
            }
            if (isCompound()) {
                out.put(termOutput(t.name()), v);
            }
        }
        Map<String, Value> ordered = new LinkedHashMap<>();
        ordered.put(OUTPUT, total);
        ordered.putAll(out);
        return ordered;
    }

    public Document toDocument() {
        List<TermDocument> docs = new ArrayList<>();
        for (Term t : terms) {
            docs.add(new TermDocument(t.name(), t.weight(), t.loss().kind().id(), t.loss().params().values()));
        }
        return new Document(spec(), docs);
    }

    /** The JSON form (snake_case, {@link Json}). */
    public String toJson() {
        return Json.compact(toDocument());
    }

    /**
     * Reads the JSON form back: the {@code terms} (each {@code loss}, optional {@code weight} default 1,
     * optional {@code params}); or, without terms, the {@code spec} string. Bad JSON is a usage error.
     */
    public static CompoundLoss fromJson(String json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new LossbenchException(ExitCode.USAGE, "bad loss spec JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new LossbenchException(ExitCode.USAGE, "bad loss spec JSON: expected an object with 'terms' or 'spec'");
        }
        JsonNode termsNode = root.get("terms");
        if (termsNode == null) {
            JsonNode spec = root.get("spec");
            if (spec == null || !spec.isTextual()) {
                throw new LossbenchException(ExitCode.USAGE, "bad loss spec JSON: expected 'terms' (a list) or 'spec' (a string)");
            }
            return parse(spec.asText());
        }
        if (!termsNode.isArray() || termsNode.isEmpty()) {
            throw new LossbenchException(ExitCode.USAGE, "bad loss spec JSON: 'terms' must be a non-empty list");
        }
        List<Term> terms = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (JsonNode t : termsNode) {
            JsonNode lossNode = t.get("loss");
            if (lossNode == null || !lossNode.isTextual()) {
                throw new LossbenchException(ExitCode.USAGE, "bad loss spec JSON: every term needs a 'loss' name, got " + t);
            }
            double weight = t.has("weight") ? t.get("weight").asDouble(Double.NaN) : 1;
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new LossbenchException(ExitCode.USAGE, "bad loss spec JSON: weight of " + lossNode.asText()
                        + " must be a positive finite number, got " + t.get("weight"));
            }
            Map<String, Object> params = new LinkedHashMap<>();
            if (t.has("params")) {
                t.get("params").properties().forEach(e -> params.put(e.getKey(), jsonValue(e.getValue())));
            }
            Loss loss = LossKind.of(lossNode.asText()).create(params);
            terms.add(new Term(uniqueName(seen, loss.kind().id()), weight, loss));
        }
        return new CompoundLoss(terms);
    }

    private static Object jsonValue(JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(x -> list.add(x.isNumber() ? (Object) x.asDouble() : x.asText()));
            return list;
        }
        return v.asText();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompoundLoss c && c.spec().equals(spec());
    }

    @Override
    public int hashCode() {
        return spec().hashCode();
    }

    @Override
    public String toString() {
        return spec();
    }
}
