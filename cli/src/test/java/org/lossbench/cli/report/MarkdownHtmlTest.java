package org.lossbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

class MarkdownHtmlTest {
    @Test
    void tablesHeadingsListsAndInlineMarks() {
        String md = "## Group\n\nMean ± sd; loss `dice+ce` is **best**.\n\n"
                + "| class | loss | n |\n|---|---|---:|\n| 1 organ | a<b | **9** |\n| 2 | x\\|y | 1 |\n\n- one & two\n- three\n";
        String html = MarkdownHtml.render(md, 1);
        assertEquals("<h3>Group</h3>\n"
                + "<p>Mean ± sd; loss <code>dice+ce</code> is <strong>best</strong>.</p>\n"
                + "<table>\n<thead>\n<tr>\n<th>class</th>\n<th>loss</th>\n<th align=\"right\">n</th>\n</tr>\n</thead>\n<tbody>\n"
                + "<tr>\n<td>1 organ</td>\n<td>a&lt;b</td>\n<td align=\"right\"><strong>9</strong></td>\n</tr>\n"
                + "<tr>\n<td>2</td>\n<td>x|y</td>\n<td align=\"right\">1</td>\n</tr>\n</tbody>\n</table>\n"
                + "<ul>\n<li>one &amp; two</li>\n<li>three</li>\n</ul>\n", html);
    }

    @Test
    void rawHtmlIsEscapedAndTheResultIsWellFormedXml() throws Exception {
        String html = MarkdownHtml.render("# T\n\n<script>alert(1)</script>\n\nline<br>break & `code <x>`\n", 0);
        assertTrue(!html.contains("<script>") && html.contains("&lt;script&gt;"), html);
        DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(("<div>" + html + "</div>").getBytes(StandardCharsets.UTF_8)));
    }
}
