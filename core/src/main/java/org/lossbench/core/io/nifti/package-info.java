/**
 * NIfTI-1 and NIfTI-2 reading and writing ({@code .nii}, {@code .nii.gz}, either byte order) of image volumes
 * and label maps, keeping the qform and sform so that written files line up with their sources (docs/formats.md).
 */
package org.lossbench.core.io.nifti;

