/**
 * The regression gate of {@code lossbench compare} (docs/gate.md): two sweeps' results matched row by row,
 * each checked metric judged by two-sided thresholds and a robust timing rule, reported as Markdown and JUnit XML.
 */
package org.lossbench.eval.compare;

