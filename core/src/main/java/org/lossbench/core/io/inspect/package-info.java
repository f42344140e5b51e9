/**
 * {@code lossbench inspect}: the summary of a NIfTI or NumPy file (header, value range, label histogram).
 * It sits above both formats ({@code core.io.nifti}, {@code core.io.npy}) so that neither depends on the other.
 */
package org.lossbench.core.io.inspect;

