/**
 * The built-in synthetic datasets: lesion and multi-organ phantoms whose every case is a pure function of
 * (seed, case index), their acquisition model, reference hashes and writing to a folder (docs/datasets.md).
 */
package org.lossbench.datasets.phantom;

