package org.lossbench.eval.surface;

import java.util.concurrent.atomic.LongAdder;

import org.lossbench.core.volume.LabelMap;

/**
 * Two binary masks A (reference) and B (prediction) rasterised into one byte per voxel of a
 * {@link Box}, with their boundaries.
 *
 * <p>Bits: {@link #A}, {@link #B}, {@link #EDGE_A}, {@link #EDGE_B}. A boundary (edge) voxel is a
 * mask voxel with at least one of its 6 face neighbours outside the mask; a neighbour outside the
 * box counts as outside the mask. This is MONAI's {@code get_mask_edges}
 * ({@code binary_erosion(mask) ^ mask} with scipy's default cross-shaped structuring element and
 * {@code border_value=0}): callers build the box as the masks' bounding box grown by one voxel and
 * clipped to the image, so "outside the box" means either "outside the mask" or "outside the image",
 * both of which scipy's erosion treats as background.
 */
public final class PairMask {
    public static final int A = 1;
    public static final int B = 2;
    public static final int EDGE_A = 4;
    public static final int EDGE_B = 8;

    private final Box box;
    private final byte[] bits;
    private long edgeA;
    private long edgeB;

    private PairMask(Box box) {
        if (box.voxels() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("box too large: " + box);
        }
        this.box = box;
        this.bits = new byte[(int) box.voxels()];
    }

    /** A = {@code ref == label}, B = {@code pred == label}, inside {@code box}; slabs of slices in parallel when asked. */
    public static PairMask ofLabel(LabelMap ref, LabelMap pred, int label, Box box, boolean parallel) {
        PairMask m = new PairMask(box);
        var g = ref.grid();
        int plane = box.height() * box.width();
        Chunks.sum(box.depth(), parallel, (from, to) -> {
            int k = from * plane;
            for (int z = box.z0() + from; z < box.z0() + to; z++) {
                for (int y = box.y0(); y <= box.y1(); y++) {
                    int base = g.index(z, y, box.x0());
                    for (int x = 0; x < box.width(); x++, k++) {
                        int v = (ref.get(base + x) == label ? A : 0) | (pred.get(base + x) == label ? B : 0);
                        m.bits[k] = (byte) v;
                    }
                }
            }
            return 0;
        });
        m.findEdges(parallel);
        return m;
    }

    /** An empty mask pair over {@code box}; fill it with {@link #setRun} then call {@link #findEdges}. */
    public static PairMask empty(Box box) {
        return new PairMask(box);
    }

    /** Sets {@code flag} on voxels {@code x0..x1} of row {@code (z, y)} (grid coordinates). */
    public void setRun(int flag, int z, int y, int x0, int x1) {
        int base = ((z - box.z0()) * box.height() + (y - box.y0())) * box.width() - box.x0();
        for (int x = x0; x <= x1; x++) {
            bits[base + x] |= (byte) flag;
        }
    }

    /** Marks the edge voxels of A and B (see the class comment); slabs of slices in parallel when asked. */
    public void findEdges(boolean parallel) {
        LongAdder ea = new LongAdder();
        LongAdder eb = new LongAdder();
        Chunks.sum(box.depth(), parallel, (from, to) -> {
            edges(from, to, ea, eb);
            return 0;
        });
        edgeA = ea.sum();
        edgeB = eb.sum();
    }

    /**
     * Marks the edges in slices {@code [z0, z1)}. Only edge bits are written, each byte by the one
     * slab that owns it, and only mask bits are read, so slabs may run concurrently (byte writes are
     * atomic in Java, and the mask bits of a byte never change here).
     */
    private void edges(int z0, int z1, LongAdder ea, LongAdder eb) {
        int d = box.depth();
        int h = box.height();
        int w = box.width();
        int slice = h * w;
        long na = 0;
        long nb = 0;
        for (int z = z0; z < z1; z++) {
            for (int y = 0; y < h; y++) {
                int k = (z * h + y) * w;
                for (int x = 0; x < w; x++, k++) {
                    int v = bits[k] & (A | B);
                    if (v == 0) {
                        continue;
                    }
                    int inAll = v;
                    inAll &= x > 0 ? bits[k - 1] : 0;
                    inAll &= x < w - 1 ? bits[k + 1] : 0;
                    inAll &= y > 0 ? bits[k - w] : 0;
                    inAll &= y < h - 1 ? bits[k + w] : 0;
                    inAll &= z > 0 ? bits[k - slice] : 0;
                    inAll &= z < d - 1 ? bits[k + slice] : 0;
                    int edges = v & ~inAll;
                    if (edges != 0) {
                        na += edges & A;
                        nb += (edges & B) >> 1;
                        bits[k] = (byte) (bits[k] | (edges << 2));
                    }
                }
            }
        }
        ea.add(na);
        eb.add(nb);
    }

    public Box box() {
        return box;
    }

    /** The per-voxel bits, {@code [depth][height][width]} of the box, W fastest. */
    byte[] bits() {
        return bits;
    }

    /** Number of edge voxels of A. */
    public long edgeCountA() {
        return edgeA;
    }

    /** Number of edge voxels of B. */
    public long edgeCountB() {
        return edgeB;
    }
}
