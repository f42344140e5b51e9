package org.lossbench.cli.report;

import java.util.ArrayList;
import java.util.List;

/**
 * HTML for the Markdown that lossbench itself writes ({@code summary.md}), so the report shows the same
 * tables as the Markdown summary without a second table writer: ATX headings (shifted down by
 * {@code shift} levels), GitHub pipe tables (header, separator, rows; {@code \|} is a literal bar),
 * {@code - } list items and paragraphs, with {@code **bold**} and {@code `code`} inline. All text is
 * escaped; nothing else of Markdown is interpreted.
 */
public final class MarkdownHtml {
    private MarkdownHtml() {
    }

    public static String render(String markdown, int shift) {
        StringBuilder out = new StringBuilder();
        List<String> lines = markdown.lines().toList();
        List<String> paragraph = new ArrayList<>();
        boolean inList = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            boolean item = line.startsWith("- ");
            if (inList && !item) {
                out.append("</ul>\n");
                inList = false;
            }
            if (line.isBlank() || line.startsWith("#") || line.startsWith("|") || item) {
                flush(out, paragraph);
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.matches("#{1,6} .*")) {
                int level = line.indexOf(' ');
                int h = Math.min(6, level + shift);
                out.append("<h").append(h).append('>').append(inline(line.substring(level + 1).trim())).append("</h").append(h).append(">\n");
            } else if (line.startsWith("|")) {
                int end = i;
                while (end < lines.size() && lines.get(end).startsWith("|")) {
                    end++;
                }
                table(out, lines.subList(i, end));
                i = end - 1;
            } else if (item) {
                if (!inList) {
                    out.append("<ul>\n");
                    inList = true;
                }
                out.append("<li>").append(inline(line.substring(2))).append("</li>\n");
            } else {
                paragraph.add(line.trim());
            }
        }
        flush(out, paragraph);
        if (inList) {
            out.append("</ul>\n");
        }
        return out.toString();
    }

    private static void flush(StringBuilder out, List<String> paragraph) {
        if (!paragraph.isEmpty()) {
            out.append("<p>").append(inline(String.join(" ", paragraph))).append("</p>\n");
            paragraph.clear();
        }
    }

    private static void table(StringBuilder out, List<String> rows) {
        out.append("<table>\n");
        int body = rows.size() > 1 && rows.get(1).matches("\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?\\s*") ? 2 : 0;
        if (body == 2) {
            out.append("<thead><tr>");
            cells(rows.get(0)).forEach(c -> out.append("<th>").append(inline(c)).append("</th>"));
            out.append("</tr></thead>\n");
        }
        out.append("<tbody>\n");
        for (String r : rows.subList(body, rows.size())) {
            out.append("<tr>");
            cells(r).forEach(c -> out.append("<td>").append(inline(c)).append("</td>"));
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    /** The cells of a pipe-table row: split on bars not preceded by a backslash, outer bars dropped, trimmed. */
    static List<String> cells(String row) {
        String r = row.trim();
        if (r.startsWith("|")) {
            r = r.substring(1);
        }
        if (r.endsWith("|") && !r.endsWith("\\|")) {
            r = r.substring(0, r.length() - 1);
        }
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\\' && i + 1 < r.length() && r.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                out.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString().trim());
        return out;
    }

    /** Escapes the text, then turns {@code `code`} and {@code **bold**} into elements. */
    static String inline(String text) {
        StringBuilder out = new StringBuilder();
        String[] parts = text.split("`", -1);
        for (int i = 0; i < parts.length; i++) {
            boolean code = i % 2 == 1 && i < parts.length - 1;
            if (code) {
                out.append("<code>").append(Html.escape(parts[i])).append("</code>");
            } else {
                String s = Html.escape(i % 2 == 1 ? "`" + parts[i] : parts[i]);
                out.append(s.replaceAll("\\*\\*(.+?)\\*\\*", "<strong>$1</strong>"));
            }
        }
        return out.toString();
    }
}
