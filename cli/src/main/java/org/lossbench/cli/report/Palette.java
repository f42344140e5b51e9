package org.lossbench.cli.report;

/**
 * The report's one colour palette: Okabe and Ito's eight colours, distinguishable with every common
 * form of colour-vision deficiency (M. Okabe, K. Ito, "Color Universal Design", 2002/2008;
 * B. Wong, "Points of view: Color blindness", Nature Methods 8, 441, 2011). Losses take the colours
 * in their sweep order, starting with orange; black comes last, and a ninth loss starts the cycle again.
 */
public final class Palette {
    /** Orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple, black. */
    private static final String[] OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"};

    /** Overlays: the reference contour (blue) and the predicted area (vermillion). */
    public static final String REFERENCE = "#0072B2";
    public static final String PREDICTION = "#D55E00";
    /** Axes, text and box outlines. */
    public static final String INK = "#333333";
    public static final String GRID = "#DDDDDD";

    private Palette() {
    }

    /** The colour of the {@code i}-th series (0-based). */
    public static String colour(int i) {
        return OKABE_ITO[Math.floorMod(i, OKABE_ITO.length)];
    }

    public static int size() {
        return OKABE_ITO.length;
    }
}
