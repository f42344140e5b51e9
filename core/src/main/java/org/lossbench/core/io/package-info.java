/**
 * File-writing and reading primitives shared by every format: atomic writes
 * ({@link org.lossbench.core.io.AtomicFiles}), a read-ahead stream for gzip inflation, and the project's one
 * Jackson configuration ({@link org.lossbench.core.io.Json}). The formats themselves live in {@code core.io.nifti}
 * and {@code core.io.npy}, which depend on this package, not the other way round.
 */
package org.lossbench.core.io;

