/**
 * How lossbench describes a dataset: the {@code dataset.json} spec, its cases, layouts, splits, checksum and
 * split files, path checks and structural validation (docs/datasets.md). Depends only on {@code core}.
 */
package org.lossbench.datasets.spec;

