package org.lossbench.core.volume;

import java.util.Objects;

/**
 * The spatial transforms of a NIfTI file, kept as stored so that a file lossbench writes lines up
 * with its source in every other tool (ITK-SNAP, 3D Slicer, nibabel, SimpleITK).
 *
 * <p>NIfTI carries two transforms. The <em>qform</em> is a rotation stored as a unit quaternion
 * {@code (b, c, d)} (with {@code a = sqrt(1 - b^2 - c^2 - d^2)}), an offset, the voxel sizes and the
 * handedness {@code qfac = pixdim[0]}; the <em>sform</em> is a general 3x4 affine. Each has a code
 * (0 unknown, 1 scanner, 2 aligned, 3 Talairach, 4 MNI, 5 template); a code of 0 means the transform
 * is not set.
 *
 * @param qformCode  NIfTI {@code qform_code}
 * @param quaternB   {@code quatern_b}
 * @param quaternC   {@code quatern_c}
 * @param quaternD   {@code quatern_d}
 * @param qoffsetX   {@code qoffset_x} in mm
 * @param qoffsetY   {@code qoffset_y} in mm
 * @param qoffsetZ   {@code qoffset_z} in mm
 * @param qfac       {@code pixdim[0]}: -1 for a left-handed qform, otherwise 1
 * @param sformCode  NIfTI {@code sform_code}
 * @param sform      the sform affine ({@code srow_x, srow_y, srow_z}); meaningful when {@code sformCode > 0}
 */
public record Orientation(
        int qformCode, double quaternB, double quaternC, double quaternD,
        double qoffsetX, double qoffsetY, double qoffsetZ, double qfac,
        int sformCode, Affine sform) {

    public Orientation {
        Objects.requireNonNull(sform, "sform");
        qfac = qfac < 0 ? -1.0 : 1.0;
    }

    /**
     * The orientation lossbench writes for a volume it creates from an affine: qform and sform both
     * set (code 1, scanner) and describing the same transform. The quaternion comes from
     * {@link Quaternions#fromAffine}; a shear, which a qform cannot express, stays in the sform only.
     */
    public static Orientation fromAffine(Affine affine) {
        Quaternions.Qform q = Quaternions.fromAffine(affine);
        return new Orientation(1, q.b(), q.c(), q.d(), q.offsetX(), q.offsetY(), q.offsetZ(), q.qfac(), 1, affine);
    }

    /** The qform as an affine, for voxel sizes {@code (sx, sy, sz)}, by {@code nifti_quatern_to_mat44}. */
    public Affine qformAffine(double sx, double sy, double sz) {
        return Quaternions.toAffine(quaternB, quaternC, quaternD, qoffsetX, qoffsetY, qoffsetZ, sx, sy, sz, qfac);
    }

    /**
     * The transform to use, in NIfTI's order of preference (as nibabel and ITK): the sform when its
     * code is positive, else the qform when its code is positive, else {@code diag(sx, sy, sz)}
     * (NIfTI "method 1"; nibabel instead centres and flips x in that case, see docs/formats.md).
     */
    public Affine bestAffine(double sx, double sy, double sz) {
        if (sformCode > 0) {
            return sform;
        }
        if (qformCode > 0) {
            return qformAffine(sx, sy, sz);
        }
        return Affine.scaling(sx, sy, sz);
    }
}
