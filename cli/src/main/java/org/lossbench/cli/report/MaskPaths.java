package org.lossbench.cli.report;

/**
 * SVG path data of a binary mask of {@code width x height} pixels (row-major), in pixel units with
 * pixel {@code (x, y)} covering {@code [x, x+1] x [y, y+1]}: the filled area as one rectangle per
 * horizontal run, and the outline as the pixel edges between the mask and its outside (the border of
 * the crop counts as outside), merged into maximal horizontal and vertical segments.
 */
public final class MaskPaths {
    private MaskPaths() {
    }

    /** {@code M x y h len v 1 h -len z} per run of set pixels in each row; empty when nothing is set. */
    public static String fill(boolean[] mask, int width, int height) {
        check(mask, width, height);
        StringBuilder sb = new StringBuilder();
        for (int y = 0; y < height; y++) {
            int x = 0;
            while (x < width) {
                if (!mask[y * width + x]) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < width && mask[y * width + x]) {
                    x++;
                }
                append(sb, "M" + start + " " + y + "h" + (x - start) + "v1h-" + (x - start) + "z");
            }
        }
        return sb.toString();
    }

    /** The outline: {@code M x y h len} for horizontal and {@code M x y v len} for vertical edge runs. */
    public static String outline(boolean[] mask, int width, int height) {
        check(mask, width, height);
        StringBuilder sb = new StringBuilder();
        // horizontal edges on the line y between rows y-1 and y
        for (int y = 0; y <= height; y++) {
            int x = 0;
            while (x < width) {
                if (!differs(mask, width, height, x, y - 1, x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < width && differs(mask, width, height, x, y - 1, x, y)) {
                    x++;
                }
                append(sb, "M" + start + " " + y + "h" + (x - start));
            }
        }
        // vertical edges on the line x between columns x-1 and x
        for (int x = 0; x <= width; x++) {
            int y = 0;
            while (y < height) {
                if (!differs(mask, width, height, x - 1, y, x, y)) {
                    y++;
                    continue;
                }
                int start = y;
                while (y < height && differs(mask, width, height, x - 1, y, x, y)) {
                    y++;
                }
                append(sb, "M" + x + " " + start + "v" + (y - start));
            }
        }
        return sb.toString();
    }

    private static boolean differs(boolean[] m, int w, int h, int x1, int y1, int x2, int y2) {
        return at(m, w, h, x1, y1) != at(m, w, h, x2, y2);
    }

    private static boolean at(boolean[] m, int w, int h, int x, int y) {
        return x >= 0 && y >= 0 && x < w && y < h && m[y * w + x];
    }

    private static void append(StringBuilder sb, String s) {
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(s);
    }

    private static void check(boolean[] mask, int width, int height) {
        if (mask.length != width * height) {
            throw new IllegalArgumentException("mask of " + mask.length + " values is not " + width + " x " + height);
        }
    }
}
