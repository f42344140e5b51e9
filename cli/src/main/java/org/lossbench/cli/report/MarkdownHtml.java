package org.lossbench.cli.report;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * HTML for the Markdown lossbench writes ({@code summary.md}), so the report shows the same tables as the
 * Markdown summary without a second table writer. Rendered by commonmark-java (CommonMark with GitHub's
 * pipe tables), headings shifted down by {@code shift} levels. Raw HTML in the Markdown is escaped, not
 * passed through, and the output is well-formed XML, as the rest of the report.
 */
public final class MarkdownHtml {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).build();

    private MarkdownHtml() {
    }

    public static String render(String markdown, int shift) {
        Node doc = PARSER.parse(markdown);
        doc.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                heading.setLevel(Math.min(6, heading.getLevel() + shift));
                visitChildren(heading);
            }
        });
        return RENDERER.render(doc);
    }
}
