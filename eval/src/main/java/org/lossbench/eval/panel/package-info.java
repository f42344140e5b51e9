/**
 * Statistics of a loss panel (docs/statistics.md): the losses compared on one dataset and model over training
 * seeds, paired comparisons against a reference loss with Holm's correction, and the collapse diagnosis of rare
 * classes. Built on {@code eval} (the result types) and {@code eval.stats}.
 */
package org.lossbench.eval.panel;

