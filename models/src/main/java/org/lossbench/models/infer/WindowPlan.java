package org.lossbench.models.infer;

/**
 * Where windows go along one axis, following MONAI's {@code sliding_window_inference}: the
 * volume is padded symmetrically up to the window size when smaller ({@code before = pad / 2});
 * windows step by {@code interval = max(1, floor(roi * (1 - overlap)))}; there are
 * {@code ceil((size - roi) / interval) + 1} of them, and the last one is moved back so that it
 * ends at the border.
 */
final class WindowPlan {
    private WindowPlan() {
    }

    /** Padded extent along an axis: {@code max(size, roi)}. */
    static int padded(int size, int roi) {
        return Math.max(size, roi);
    }

    /** Padding before the first voxel. */
    static int padBefore(int size, int roi) {
        return Math.max(roi - size, 0) / 2;
    }

    /** Window starts in padded coordinates. */
    static int[] starts(int size, int roi, double overlap) {
        int extent = padded(size, roi);
        int interval = Math.max(1, (int) (roi * (1 - overlap)));
        int n = (int) Math.ceil((double) (extent - roi) / interval) + 1;
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = Math.min(i * interval, extent - roi);
        }
        return s;
    }
}
