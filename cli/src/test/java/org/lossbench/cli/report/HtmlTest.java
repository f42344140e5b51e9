package org.lossbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesTheFiveMarkupCharacters() {
        assertEquals("focal&lt;b&gt; &amp; &quot;dice&quot; &#39;x&#39;", Html.escape("focal<b> & \"dice\" 'x'"));
        assertEquals("dice+ce:w=0.5", Html.escape("dice+ce:w=0.5"));
    }

    @Test
    void coordinatesAreRoundedToHundredthsWithoutTrailingZeros() {
        assertEquals("12.35", Html.num(12.345000001));
        assertEquals("3", Html.num(3.0));
        assertEquals("3", Html.num(2.999));
        assertEquals("-0.25", Html.num(-0.25));
        assertEquals("0.1", Html.num(0.1));
        assertEquals("0.05", Html.num(0.05));
        assertEquals("0", Html.num(-0.004));
        assertEquals("194", Html.num(194.0000000001));
        assertThrows(IllegalArgumentException.class, () -> Html.num(Double.NaN));
    }
}
