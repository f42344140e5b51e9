package org.lossbench.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lossbench.core.io.AtomicFiles;
import org.lossbench.eval.results.SweepLayout;

/**
 * {@code report.html}: the sweep's self-contained report (docs/report.md). One HTML file with inline CSS
 * and inline SVG, images as {@code data:} URIs, no script, no font or network fetch. Made from the
 * folder's files only ({@link ReportData}), so the sweep's aggregation and {@code lossbench report DIR}
 * write the same bytes from the same folder; only the timing figure carries wall-clock values.
 *
 * <p>Content: a header (sweep, mode, datasets, models, losses, seeds, split, cells, spec hash, and the
 * provenance of the finished cells: ONNX Runtime version, execution provider, device, Java, git
 * commit, lossbench version), the failed cells, then per (dataset, model) group the collapsed classes
 * ({@link CollapseNotice}) and the figures ({@link DiceFigure}, {@link RankFigure}, {@link RecallFigure},
 * {@link TimingFigure}, {@link OverlaySection}), and last the
 * tables of {@code summary.md} as HTML ({@link MarkdownHtml}).
 */
public final class HtmlReport {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#222;background:#fff;\
            margin:1.5em auto;max-width:1400px;padding:0 1em;line-height:1.4}
            h1{font-size:1.6em;margin-bottom:.3em}h2{font-size:1.3em;border-bottom:1px solid #ccc;margin-top:1.6em}h3{font-size:1.1em}
            table{border-collapse:collapse;margin:.5em 0 1em;font-size:.9em}
            th,td{border:1px solid #ccc;padding:.2em .5em;text-align:left;vertical-align:top}th{background:#f2f2f2}
            table.facts th{width:14em}code{font-size:.95em;background:#f5f5f5;padding:0 .2em}
            .panels{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}
            svg.chart{background:#fff;border:1px solid #e4e4e4}svg text{font-family:inherit}
            .caption{font-size:.85em;color:#444;max-width:70em}.empty{color:#666;font-style:italic}
            .failed li{color:#8a1c00}
            """;

    private HtmlReport() {
    }

    /** Writes {@code dir/report.html} (atomically) from the folder's aggregated outputs and returns its path. */
    public static Path write(Path dir) {
        return write(dir, dir.resolve(SweepLayout.REPORT));
    }

    public static Path write(Path dir, Path out) {
        AtomicFiles.writeString(out, render(ReportData.load(dir)));
        return out;
    }

    public static String render(ReportData d) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>lossbench sweep ").append(Html.escape(d.name())).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        header(sb, d);
        for (ReportData.Group g : d.groups()) {
            sb.append("<section class=\"group\" id=\"group-").append(g.index()).append("\">\n<h2>")
                    .append(Html.escape(g.dataset() + " / " + g.model())).append("</h2>\n");
            sb.append(CollapseNotice.html(d, g));
            sb.append(DiceFigure.html(d, g));
            sb.append(RankFigure.html(d, g));
            sb.append(RecallFigure.html(d, g));
            sb.append(TimingFigure.html(d, g));
            sb.append(OverlaySection.html(d, g));
            sb.append("</section>\n");
        }
        sb.append("<section id=\"summary\">\n<h2>Summary tables</h2>\n<p class=\"caption\">The tables of summary.md.</p>\n")
                .append(MarkdownHtml.render(withoutTitle(d.summaryMarkdown()), 1)).append("</section>\n");
        sb.append("<footer><p class=\"caption\">Written by lossbench from the files of this folder (manifest.json, cases.csv, "
                + "lesions.csv, case_timings.csv, summary.md, cells/*/overlays.json); <code>lossbench report DIR</code> writes it "
                + "again. docs/report.md explains each figure.</p></footer>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void header(StringBuilder sb, ReportData d) {
        JsonNode s = d.spec();
        long done = d.cells().stream().filter(ReportData.CellInfo::done).count();
        List<ReportData.CellInfo> failed = d.cells().stream().filter(c -> "failed".equals(c.status())).toList();
        sb.append("<header>\n<h1>Sweep ").append(Html.escape(d.name())).append("</h1>\n<table class=\"facts\">\n<tbody>\n");
        fact(sb, "mode", s.path("mode").asText());
        fact(sb, "datasets", join(s.path("datasets")));
        fact(sb, "models", join(s.path("models")));
        fact(sb, "losses", join(s.path("losses")) + " (reference: " + s.path("reference_loss").asText() + ")");
        fact(sb, "seeds", join(s.path("seeds")));
        fact(sb, "split", s.path("split").asText() + " (split seed " + s.path("split_seed").asText() + ")");
        fact(sb, "cells", d.cells().size() + " (" + done + " finished, " + failed.size() + " failed)");
        fact(sb, "evaluation", "empty-case policy " + s.path("evaluation").path("empty").asText() + ", NSD tolerance "
                + s.path("evaluation").path("tolerance_mm").asText() + " mm, " + s.path("evaluation").path("connectivity").asText()
                + "-connectivity, matching " + s.path("evaluation").path("match").asText() + ", size bins "
                + s.path("evaluation").path("size_bins").asText() + " mm");
        fact(sb, "spec SHA-256", d.specSha256());
        fact(sb, "ONNX Runtime", String.join(", ", d.provenance(null, "onnxruntime_version")));
        fact(sb, "execution provider", String.join(", ", d.provenance(null, "execution_provider")));
        fact(sb, "device", String.join(", ", d.provenance(null, "device")));
        fact(sb, "Java", String.join(", ", d.provenance(null, d.provenance(null, "java_version").isEmpty() ? "java" : "java_version")));
        fact(sb, "git commit", String.join(", ", d.provenance(null, "git_commit")));
        fact(sb, "lossbench", String.join(", ", d.provenance(null, "lossbench_version")));
        sb.append("</tbody>\n</table>\n");
        if (!failed.isEmpty()) {
            sb.append("<section class=\"failed\" id=\"failed\">\n<h2>Failed cells</h2>\n<ul>\n");
            for (ReportData.CellInfo c : failed) {
                sb.append("<li>").append(Html.escape(c.label() + " (key " + c.key().substring(0, Math.min(12, c.key().length())) + ", exit "
                        + c.exitCode() + "): " + c.failure())).append("</li>\n");
            }
            sb.append("</ul>\n</section>\n");
        }
        sb.append("</header>\n");
    }

    private static void fact(StringBuilder sb, String name, String value) {
        sb.append("<tr><th>").append(Html.escape(name)).append("</th><td>").append(Html.escape(value)).append("</td></tr>\n");
    }

    private static String join(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return String.join(", ", out);
    }

    /** summary.md without its first line when that is the document title (the report has its own). */
    private static String withoutTitle(String md) {
        return md.startsWith("# ") ? md.substring(md.indexOf('\n') + 1) : md;
    }
}
