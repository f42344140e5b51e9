package org.lossbench.core.volume;

import java.util.Objects;

/**
 * The sampling grid of a volume: its shape {@code [D][H][W]}, voxel spacing {@code (sz, sy, sx)} in
 * mm and its orientation in world space.
 *
 * <p>Layout (docs/design.md): voxels are stored C-order as {@code [D][H][W]} with W fastest, which is
 * NIfTI's on-disk order with {@code x} fastest, so {@code D = nz}, {@code H = ny}, {@code W = nx}.
 * The voxel at {@code (z, y, x)} has the flat index {@code (z * H + y) * W + x}.
 */
public final class Grid {
    /** Java arrays hold at most this many elements; a larger volume cannot be held in one array. */
    public static final long MAX_VOXELS = Integer.MAX_VALUE - 8;

    private final int depth;
    private final int height;
    private final int width;
    private final double sz;
    private final double sy;
    private final double sx;
    private final Orientation orientation;

    private Grid(int depth, int height, int width, double sz, double sy, double sx, Orientation orientation) {
        if (depth < 1 || height < 1 || width < 1) {
            throw new IllegalArgumentException("grid dimensions must be positive, got [" + depth + ", " + height + ", " + width + "]");
        }
        if ((long) depth * height * width > MAX_VOXELS) {
            throw new IllegalArgumentException("grid of " + depth + "x" + height + "x" + width + " voxels exceeds " + MAX_VOXELS);
        }
        if (!(sz > 0 && sy > 0 && sx > 0) || !Double.isFinite(sz * sy * sx)) {
            throw new IllegalArgumentException("spacing must be positive and finite, got (" + sz + ", " + sy + ", " + sx + ")");
        }
        this.depth = depth;
        this.height = height;
        this.width = width;
        this.sz = sz;
        this.sy = sy;
        this.sx = sx;
        this.orientation = Objects.requireNonNull(orientation, "orientation");
    }

    /** A grid with an axis-aligned affine {@code diag(sx, sy, sz)} stored as both qform and sform. */
    public static Grid of(int depth, int height, int width, double sz, double sy, double sx) {
        return new Grid(depth, height, width, sz, sy, sx, Orientation.fromAffine(Affine.scaling(sx, sy, sz)));
    }

    /** A grid with isotropic 1 mm spacing and the identity affine. */
    public static Grid of(int depth, int height, int width) {
        return of(depth, height, width, 1, 1, 1);
    }

    /** A grid with explicit spacing and orientation, as read from a NIfTI header. */
    public static Grid of(int depth, int height, int width, double sz, double sy, double sx, Orientation orientation) {
        return new Grid(depth, height, width, sz, sy, sx, orientation);
    }

    /** A grid whose spacing is taken from the affine's column norms and whose qform and sform are that affine. */
    public static Grid fromAffine(int depth, int height, int width, Affine affine) {
        return new Grid(depth, height, width, affine.columnNorm(2), affine.columnNorm(1), affine.columnNorm(0),
                Orientation.fromAffine(affine));
    }

    public int depth() {
        return depth;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** {@code [D, H, W]}. */
    public int[] shape() {
        return new int[] {depth, height, width};
    }

    /** {@code (sz, sy, sx)} in mm, matching the order of {@link #shape()}. */
    public double[] spacing() {
        return new double[] {sz, sy, sx};
    }

    public double spacingZ() {
        return sz;
    }

    public double spacingY() {
        return sy;
    }

    public double spacingX() {
        return sx;
    }

    /** Volume of one voxel in mm3. */
    public double voxelVolume() {
        return sz * sy * sx;
    }

    /** Number of voxels {@code D * H * W}. */
    public int voxelCount() {
        return depth * height * width;
    }

    /** Flat index of {@code (z, y, x)}. */
    public int index(int z, int y, int x) {
        return (z * height + y) * width + x;
    }

    /** The voxel at flat {@code index} as messages name it, {@code (x=.., y=.., z=..)} (NIfTI's index order). */
    public String describeVoxel(int index) {
        return "(x=" + index % width + ", y=" + (index / width) % height + ", z=" + index / (width * height) + ")";
    }

    public Orientation orientation() {
        return orientation;
    }

    /** The voxel-to-world affine (NIfTI preference: sform, then qform, then scaling). */
    public Affine affine() {
        return orientation.bestAffine(sx, sy, sz);
    }

    /** Length of the grid's diagonal in mm: the largest distance two voxels can be apart. */
    public double diagonalMm() {
        double dz = (depth - 1) * sz;
        double dy = (height - 1) * sy;
        double dx = (width - 1) * sx;
        return Math.sqrt(dz * dz + dy * dy + dx * dx);
    }

    /** Same shape, and spacing and affine within {@code tolerance} (mm). */
    public boolean matches(Grid other, double tolerance) {
        return depth == other.depth && height == other.height && width == other.width
                && Math.abs(sz - other.sz) <= tolerance && Math.abs(sy - other.sy) <= tolerance
                && Math.abs(sx - other.sx) <= tolerance
                && affine().approximatelyEquals(other.affine(), tolerance);
    }

    /** Describes the first difference from {@code other}, for error messages; empty when they match. */
    public String describeMismatch(Grid other, double tolerance) {
        if (depth != other.depth || height != other.height || width != other.width) {
            return "shape " + shapeString() + " vs " + other.shapeString();
        }
        if (Math.abs(sz - other.sz) > tolerance || Math.abs(sy - other.sy) > tolerance || Math.abs(sx - other.sx) > tolerance) {
            return "spacing (" + sz + ", " + sy + ", " + sx + ") vs (" + other.sz + ", " + other.sy + ", " + other.sx + ") mm";
        }
        if (!affine().approximatelyEquals(other.affine(), tolerance)) {
            return "affine " + affine() + " vs " + other.affine();
        }
        return "";
    }

    /** {@code [D, H, W]} as text. */
    public String shapeString() {
        return "[" + depth + ", " + height + ", " + width + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grid g && depth == g.depth && height == g.height && width == g.width
                && sz == g.sz && sy == g.sy && sx == g.sx && orientation.equals(g.orientation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(depth, height, width, sz, sy, sx, orientation);
    }

    @Override
    public String toString() {
        return "Grid" + shapeString() + " spacing (" + sz + ", " + sy + ", " + sx + ") mm";
    }
}
