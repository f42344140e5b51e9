package org.lossbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownHtmlTest {
    @Test
    void tablesHeadingsListsAndInlineMarks() {
        String md = "## Group\n\nMean ± sd; loss `dice+ce` is **best**.\nSecond line.\n\n"
                + "| class | loss | Dice |\n|---|---|---|\n| 1 organ | a<b | **0.9** |\n| 2 | x\\|y | 0.1 |\n\n- one & two\n- three\n";
        String html = MarkdownHtml.render(md, 1);
        assertEquals("<h3>Group</h3>\n"
                + "<p>Mean ± sd; loss <code>dice+ce</code> is <strong>best</strong>. Second line.</p>\n"
                + "<table>\n<thead><tr><th>class</th><th>loss</th><th>Dice</th></tr></thead>\n<tbody>\n"
                + "<tr><td>1 organ</td><td>a&lt;b</td><td><strong>0.9</strong></td></tr>\n"
                + "<tr><td>2</td><td>x|y</td><td>0.1</td></tr>\n</tbody>\n</table>\n"
                + "<ul>\n<li>one &amp; two</li>\n<li>three</li>\n</ul>\n", html);
    }

    @Test
    void cellsSplitOnUnescapedBars() {
        assertEquals(List.of("a", "b|c", ""), MarkdownHtml.cells("| a | b\\|c | |"));
    }

    @Test
    void codeIsNotFormattedInside() {
        assertEquals("<code>**x**</code> and `odd", MarkdownHtml.inline("`**x**` and `odd"));
    }
}
