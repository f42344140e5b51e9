/**
 * Statistics on plain numbers, independent of the evaluation's types: percentiles, bootstrap summaries, the
 * Wilcoxon signed-rank test and its exact distribution, the Hodges-Lehmann estimate, Kendall's tau and rank
 * stability (docs/statistics.md). Depends on no other lossbench package but {@code core}.
 */
package org.lossbench.eval.stats;

