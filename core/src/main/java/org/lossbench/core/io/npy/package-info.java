/**
 * NumPy {@code .npy} files (format 1.0 to 3.0), the exchange format with Python: arrays, dtypes, headers,
 * reading and writing (docs/formats.md).
 */
package org.lossbench.core.io.npy;

