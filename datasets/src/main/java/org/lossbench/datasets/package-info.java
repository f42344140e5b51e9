/**
 * Seeded randomness shared by the dataset code: seeds derived from a root seed and a path of indices, and
 * random variates that are the same on every JVM (docs/design.md, "Determinism").
 */
package org.lossbench.datasets;

