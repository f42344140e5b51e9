package org.lossbench.eval;

import java.util.Map;
import java.util.TreeMap;

/**
 * NSD tolerances in mm: one default and optional per-class values, parsed from {@code "2"} or
 * {@code "2,1=1.5,3=0.5"} (default 2 mm, class 1 at 1.5 mm, class 3 at 0.5 mm).
 */
public record Tolerances(double defaultMm, Map<Integer, Double> perClass) {
    public Tolerances {
        check(defaultMm);
        perClass = Map.copyOf(perClass);
        perClass.values().forEach(Tolerances::check);
    }

    private static void check(double mm) {
        if (!(mm >= 0) || Double.isInfinite(mm)) {
            throw new IllegalArgumentException("NSD tolerance must be a finite number of mm >= 0, got " + mm);
        }
    }

    /** 2 mm for every class. */
    public static Tolerances defaults() {
        return new Tolerances(2.0, Map.of());
    }

    public double forClass(int label) {
        return perClass.getOrDefault(label, defaultMm);
    }

    /** Parses {@code "D"}, {@code "L=T,..."} or both mixed; a bare number sets the default. */
    public static Tolerances parse(String spec) {
        double def = 2.0;
        Map<Integer, Double> per = new TreeMap<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                int eq = p.indexOf('=');
                if (eq < 0) {
                    def = Double.parseDouble(p);
                } else {
                    per.put(Integer.parseInt(p.substring(0, eq).trim()), Double.parseDouble(p.substring(eq + 1).trim()));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad tolerance '" + p + "' in '" + spec + "'; use e.g. 2 or 2,1=1.5");
            }
        }
        return new Tolerances(def, per);
    }
}
