package org.lossbench.losses.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lossbench.core.spec.NamedSpec;

/**
 * Parses loss specs:
 * <pre>
 *   spec   := term ('+' term)*
 *   term   := [weight '*'] name [':' param (',' param)*]      ({@link NamedSpec}'s grammar)
 *   param  := key '=' value          value := number | true | false | word | '[' number (',' number)* ']'
 * </pre>
 * for example {@code dice}, {@code focal:gamma=2,alpha=0.25}, {@code 0.5*dice+0.5*ce},
 * {@code ce:weight=[0.2,0.8]}, and the presets {@code dice+ce}, {@code dice+focal}, {@code dice+topk}.
 * Whitespace is ignored. A weight is a positive finite number (default 1). Errors are usage errors
 * that quote the spec and say what is wrong ({@link LossParams#usage}).
 */
public final class LossSpecParser {
    /** One parsed term before its parameters are resolved. */
    public record RawTerm(double weight, String name, Map<String, String> params) {
    }

    private LossSpecParser() {
    }

    public static List<RawTerm> parse(String spec) {
        String s = spec == null ? "" : spec.replaceAll("\\s+", "");
        if (s.isEmpty()) {
            throw LossParams.usage("the spec is empty; write a loss name such as dice, or a sum such as 0.5*dice+0.5*ce");
        }
        List<RawTerm> terms = new ArrayList<>();
        for (String part : splitTerms(s)) {
            terms.add(term(spec, part));
        }
        return terms;
    }

    /** Splits at '+' outside brackets and not part of a number's exponent ({@code 1e+5}). */
    private static List<String> splitTerms(String s) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '[') {
                depth++;
            } else if (ch == ']') {
                depth--;
            } else if (ch == '+' && depth == 0 && !isExponentSign(s, i)) {
                parts.add(s.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static boolean isExponentSign(String s, int i) {
        return i >= 2 && i + 1 < s.length() && (s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E')
                && (Character.isDigit(s.charAt(i - 2)) || s.charAt(i - 2) == '.') && Character.isDigit(s.charAt(i + 1));
    }

    private static RawTerm term(String spec, String part) {
        if (part.isEmpty()) {
            throw LossParams.usage("'" + spec + "' has an empty term (a '+' with nothing on one side)");
        }
        double weight = 1;
        String rest = part;
        int star = part.indexOf('*');
        if (star >= 0) {
            String w = part.substring(0, star);
            try {
                weight = Double.parseDouble(w);
            } catch (NumberFormatException e) {
                throw LossParams.usage("'" + part + "': the weight '" + w + "' before '*' is not a number");
            }
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw LossParams.usage("'" + part + "': the weight must be a positive finite number, got " + w);
            }
            rest = part.substring(star + 1);
        }
        NamedSpec term = NamedSpec.parse(rest, why -> LossParams.usage("'" + part + "': " + why));
        return new RawTerm(weight, term.name(), term.params());
    }
}
