package org.lossbench.cli.report;

/**
 * A small writer of SVG markup: one {@code <svg>} element with {@code <title>} and {@code <desc>}
 * (read by screen readers through {@code aria-labelledby}), then elements whose attribute values are
 * escaped. The output is well-formed XML, so it can be embedded in HTML and parsed by tests.
 */
final class Svg {
    private final StringBuilder sb = new StringBuilder();
    private boolean closed;

    /** Opens the drawing: {@code id} (unique in the page), CSS class, size in pixels, title and description. */
    Svg(String id, String cssClass, double width, double height, String title, String desc) {
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(Html.escape(id)).append("\" class=\"")
                .append(Html.escape(cssClass)).append("\" width=\"").append(Html.num(width)).append("\" height=\"").append(Html.num(height))
                .append("\" viewBox=\"0 0 ").append(Html.num(width)).append(' ').append(Html.num(height)).append("\" role=\"img\" aria-labelledby=\"")
                .append(Html.escape(id)).append("-title ").append(Html.escape(id)).append("-desc\">\n");
        sb.append("<title id=\"").append(Html.escape(id)).append("-title\">").append(Html.escape(title)).append("</title>\n");
        sb.append("<desc id=\"").append(Html.escape(id)).append("-desc\">").append(Html.escape(desc)).append("</desc>\n");
    }

    /** An empty element, {@code attrs} as name, value pairs (values escaped). */
    Svg el(String name, String... attrs) {
        open(name, attrs);
        sb.append("/>\n");
        return this;
    }

    /** An element holding {@code text} (escaped). */
    Svg text(String text, String... attrs) {
        open("text", attrs);
        sb.append('>').append(Html.escape(text)).append("</text>\n");
        return this;
    }

    /** Opens a group; close it with {@link #end()}. */
    Svg group(String... attrs) {
        open("g", attrs);
        sb.append(">\n");
        return this;
    }

    Svg end() {
        sb.append("</g>\n");
        return this;
    }

    /** Closes the drawing and returns its markup. */
    String done() {
        if (!closed) {
            sb.append("</svg>\n");
            closed = true;
        }
        return sb.toString();
    }

    private void open(String name, String... attrs) {
        if (attrs.length % 2 != 0) {
            throw new IllegalArgumentException("attributes come in name, value pairs");
        }
        sb.append('<').append(name);
        for (int i = 0; i < attrs.length; i += 2) {
            if (attrs[i + 1] != null) {
                sb.append(' ').append(attrs[i]).append("=\"").append(Html.escape(attrs[i + 1])).append('"');
            }
        }
    }

    static String n(double v) {
        return Html.num(v);
    }
}
