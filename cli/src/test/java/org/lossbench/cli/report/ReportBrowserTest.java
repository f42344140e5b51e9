package org.lossbench.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders {@link ReportFixture}'s report in headless Chromium (Debian's {@code chromium}): the DOM
 * Chromium builds holds every chart (SVG elements by id, a box plot per class, one recall series per
 * loss, one overlay panel per loss), and a screenshot shows them (each loss's colour is painted, and
 * the regions around the charts are not flat). Runs by default when Chromium is found (on the PATH,
 * or {@code -Dlossbench.chromium=/path}); otherwise the tests are skipped, saying how to install it.
 * Chromium runs without network access of its own (no background networking, extensions, sync or
 * component updates; the page is a local file that fetches nothing) and is killed after 60 s.
 */
@Tag("browser")
class ReportBrowserTest {
    static final long TIMEOUT_S = 60;

    @TempDir
    static Path tmp;
    static Path chromium;
    static Path report;

    @BeforeAll
    static void setUp() throws IOException {
        chromium = findChromium();
        if (chromium != null) {
            report = HtmlReport.write(ReportFixture.write(tmp.resolve("fx")));
        }
    }

    /** Each test is reported as skipped, with the way to install Chromium, when there is none. */
    @BeforeEach
    void needsChromium() {
        Assumptions.assumeTrue(chromium != null, "headless Chromium not found (looked for chromium, chromium-browser, google-chrome on "
                + "the PATH and -Dlossbench.chromium): install it with `sudo apt-get install -y chromium` (Debian/Ubuntu) to run the "
                + "report's rendering test");
    }

    @Test
    void renderedDomHoldsEveryChart() throws Exception {
        String dom = run("--dump-dom", report.toUri().toString());
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("<svg\\b[^>]*\\bid=\"([^\"]+)\"").matcher(dom);
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertEquals(List.of("dice-g0-c1", "dice-g0-c2", "recall-g0-c2", "timing-g0", "overlay-g0-0", "overlay-g0-1", "overlay-g0-2"), ids,
                "the <svg> elements of the rendered DOM");
        for (String id : ids) {
            assertTrue(dom.contains("<title id=\"" + id + "-title\">"), "accessible title of " + id);
        }
        // a box plot per class, one box per finished loss in each
        for (String id : List.of("dice-g0-c1", "dice-g0-c2")) {
            assertEquals(2, count(svg(dom, id), "class=\"box\""), id);
        }
        // one recall series per loss
        String recall = svg(dom, "recall-g0-c2");
        assertEquals(3, count(recall, "class=\"series recall-series\""));
        for (String loss : List.of("dice", "focal&lt;&amp;&gt;é", "ce")) {
            assertTrue(recall.contains("data-series=\"" + loss + "\""), loss);
        }
        // per lesion: the reference panel and one panel per loss, each with its slice image
        for (int n = 0; n < 3; n++) {
            String o = svg(dom, "overlay-g0-" + n);
            assertEquals(1, count(o, "class=\"overlay-panel reference-panel\""));
            assertEquals(3, count(o, "class=\"overlay-panel prediction-panel\""));
            assertEquals(4, count(o, "href=\"data:image/png;base64,"));
        }
    }

    @Test
    void screenshotShowsTheCharts() throws Exception {
        Path png = tmp.resolve("report.png");
        run("--screenshot=" + png, "--window-size=1200,2600", "--hide-scrollbars", report.toUri().toString());
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(img != null && img.getWidth() == 1200, "a 1200 px wide PNG");
        assertTrue(variance(img, 0, 0, img.getWidth(), img.getHeight()) > 100, "the page is not blank");
        // dice (orange), focal<&> (sky blue): recall markers and timing dots in their full colour; the overlays' reference
        // contour (blue, used by no loss here); around each, the chart is not flat
        for (int[] colour : new int[][] {{0xE6, 0x9F, 0x00}, {0x56, 0xB4, 0xE9}, {0x00, 0x72, 0xB2}}) {
            int[] at = find(img, colour);
            assertTrue(at != null, String.format("no pixel of colour #%02X%02X%02X in the screenshot", colour[0], colour[1], colour[2]));
            double v = variance(img, at[0] - 60, at[1] - 60, 120, 120);
            assertTrue(v > 200, "the region around " + at[0] + "," + at[1] + " is flat (variance " + v + ")");
        }
        // the overlays' slices: a ramp of greys, many distinct levels
        long greys = 0;
        boolean[] seen = new boolean[256];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 255;
                if (r == ((rgb >> 8) & 255) && r == (rgb & 255) && !seen[r]) {
                    seen[r] = true;
                    greys++;
                }
            }
        }
        assertTrue(greys > 100, "the slice images show grey levels (" + greys + " distinct)");
    }

    /** Runs Chromium headless on the page; returns its stdout. */
    static String run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-extensions", "--disable-sync", "--disable-component-update",
                "--disable-default-apps", "--no-first-run", "--no-default-browser-check", "--mute-audio",
                "--user-data-dir=" + Files.createTempDirectory(tmp, "chromium-profile")));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "chromium", ".out");
        Path err = Files.createTempFile(tmp, "chromium", ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("chromium did not finish within " + TIMEOUT_S + " s: " + cmd);
        }
        if (p.exitValue() != 0) {
            fail("chromium exited with " + p.exitValue() + ": " + Files.readString(err));
        }
        return Files.readString(out);
    }

    static Path findChromium() {
        String prop = System.getProperty("lossbench.chromium");
        if (prop != null && !prop.isBlank()) {
            return Files.isExecutable(Path.of(prop)) ? Path.of(prop) : null;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /** The markup of the {@code <svg>} with {@code id}, up to its closing tag. */
    static String svg(String dom, String id) {
        int start = dom.indexOf("id=\"" + id + "\"");
        assertTrue(start >= 0, "no element " + id);
        return dom.substring(start, dom.indexOf("</svg>", start));
    }

    static int count(String s, String what) {
        return s.split(Pattern.quote(what), -1).length - 1;
    }

    /** The first pixel (x, y) within 4 of {@code rgb} in every channel, or null. */
    static int[] find(BufferedImage img, int[] rgb) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                if (Math.abs(((p >> 16) & 255) - rgb[0]) <= 4 && Math.abs(((p >> 8) & 255) - rgb[1]) <= 4 && Math.abs((p & 255) - rgb[2]) <= 4) {
                    return new int[] {x, y};
                }
            }
        }
        return null;
    }

    /** Variance of the luminance (0.299 R + 0.587 G + 0.114 B) over a rectangle clipped to the image. */
    static double variance(BufferedImage img, int x0, int y0, int w, int h) {
        double sum = 0;
        double sq = 0;
        long n = 0;
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y0 + h); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x0 + w); x++) {
                int p = img.getRGB(x, y);
                double l = 0.299 * ((p >> 16) & 255) + 0.587 * ((p >> 8) & 255) + 0.114 * (p & 255);
                sum += l;
                sq += l * l;
                n++;
            }
        }
        return n == 0 ? 0 : sq / n - (sum / n) * (sum / n);
    }
}
