package org.lossbench.core.io.nifti;

import java.nio.ByteOrder;
import org.lossbench.core.volume.Affine;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.Orientation;

/**
 * The fields of a NIfTI-1 or NIfTI-2 header that lossbench uses, in a version-neutral form. The
 * header has been validated by {@link NiftiHeaderCodec#decode}: dimensions are positive and their
 * product fits in one Java array, the datatype is supported, and {@code vox_offset} lies after the
 * header.
 *
 * @param version     1 or 2
 * @param byteOrder   the file's byte order
 * @param datatype    voxel type
 * @param nx          {@code dim[1]}, the fastest axis (W)
 * @param ny          {@code dim[2]} (H)
 * @param nz          {@code dim[3]} (D)
 * @param nt          {@code dim[4]}, channels (modalities or time points); 1 for a 3D file
 * @param pixdim      {@code pixdim[0..7]} as stored ({@code pixdim[0]} is qfac)
 * @param voxOffset   byte offset of the voxel data
 * @param sclSlope    {@code scl_slope}; 0 or NaN means no scaling
 * @param sclInter    {@code scl_inter}
 * @param orientation qform and sform as stored
 * @param xyztUnits   {@code xyzt_units}
 * @param intentCode  {@code intent_code}
 * @param description {@code descrip}
 */
public record NiftiHeader(
        int version, ByteOrder byteOrder, NiftiDatatype datatype,
        int nx, int ny, int nz, int nt,
        double[] pixdim, long voxOffset, double sclSlope, double sclInter,
        Orientation orientation, int xyztUnits, int intentCode, String description) {

    /** Whether {@code scl_slope}/{@code scl_inter} change the stored values (NIfTI: slope 0 means none). */
    public boolean hasScaling() {
        return sclSlope != 0 && Double.isFinite(sclSlope) && !(sclSlope == 1 && sclInter == 0);
    }

    /** Voxels per channel: {@code nx * ny * nz}. */
    public int voxelsPerChannel() {
        return nx * ny * nz;
    }

    /** All voxels: {@code nx * ny * nz * nt}. */
    public long voxelCount() {
        return (long) voxelsPerChannel() * nt;
    }

    /** Bytes of voxel data the header declares. */
    public long dataBytes() {
        return voxelCount() * datatype.bytes();
    }

    /**
     * The voxel spacing {@code (sx, sy, sz)} from {@code pixdim[1..3]}, made usable as
     * {@code nifti1_io.c} does: a zero or non-finite size becomes 1, a negative one its absolute value.
     */
    public double[] voxelSizesXyz() {
        double[] s = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = pixdim[i + 1];
            s[i] = (v == 0 || !Double.isFinite(v)) ? 1.0 : Math.abs(v);
        }
        return s;
    }

    /** The grid {@code [D][H][W] = [nz][ny][nx]} with spacing {@code (sz, sy, sx)} and the stored orientation. */
    public Grid grid() {
        double[] s = voxelSizesXyz();
        return Grid.of(nz, ny, nx, s[2], s[1], s[0], orientation);
    }

    /** The voxel-to-world transform that other tools use (sform, then qform, then scaling). */
    public Affine affine() {
        return grid().affine();
    }
}
