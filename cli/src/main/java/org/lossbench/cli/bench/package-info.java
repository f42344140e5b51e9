/**
 * {@code lossbench bench}: benchmarks that measure lossbench against a peer implementation (a Python script of
 * {@code tools/}) in the same run, with robust summaries of repeated timings (docs/benchmarks.md).
 */
package org.lossbench.cli.bench;

