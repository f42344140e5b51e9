package org.lossbench.cli.report;

/**
 * Text for HTML and SVG: escaping of names (losses, classes, cases, file paths come from users) and
 * the one number format of the drawings.
 */
public final class Html {
    private Html() {
    }

    /** Escapes {@code & < > " '} so that {@code s} is safe in element content and in quoted attributes. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * A coordinate rounded to 0.01 (half away from zero on the scaled value), trailing zeros left out:
     * {@code 12.5}, {@code 3}, {@code -0.25}. Deterministic and locale-free, so a drawing's text is the
     * same on every machine.
     */
    public static String num(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("coordinate " + v + " is not finite");
        }
        long r = Math.round(Math.abs(v) * 100);
        if (r == 0) {
            return "0";
        }
        String sign = v < 0 ? "-" : "";
        long ip = r / 100;
        long fp = r % 100;
        if (fp == 0) {
            return sign + ip;
        }
        if (fp % 10 == 0) {
            return sign + ip + "." + fp / 10;
        }
        return sign + ip + "." + (fp < 10 ? "0" : "") + fp;
    }
}
