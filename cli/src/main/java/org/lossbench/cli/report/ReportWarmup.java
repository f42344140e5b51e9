package org.lossbench.cli.report;

import org.lossbench.eval.results.CsvCodec;
import tech.tablesaw.api.Table;

/**
 * The report libraries' warm-up, for a background thread while a sweep's cells run. After the last cell
 * the aggregation reads the tables back (the CSV codec) into Tablesaw tables (whose {@code Table} initialiser alone
 * scans the class path with ClassGraph, 350-400 ms measured here), renders {@code summary.md} into the report
 * (commonmark) and encodes the overlay slices (ImageIO's PNG writer): about 1,100 classes to load and
 * verify, most of the aggregation's 0.8 s, all on the main thread while the other core idles. The same
 * calls on tiny inputs load them during the cells instead (docs/sweep.md).
 */
public final class ReportWarmup {
    private ReportWarmup() {
    }

    /** Reads a two-row CSV, makes a Tablesaw table, renders a Markdown table and encodes a 2x2 PNG. */
    public static void run() {
        CsvCodec.read("loss,dice\nce,0.5\n", "warm-up");
        Table.create("warm-up");
        MarkdownHtml.render("| loss | dice |\n|---|---|\n| ce | 0.5 |\n", 1);
        GreyPng.dataUri(new byte[] {0, (byte) 255, (byte) 255, 0}, 2, 2);
    }
}
