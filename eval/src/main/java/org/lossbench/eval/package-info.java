/**
 * Evaluation of segmentations against references: per case and class the overlap, surface-distance and lesion
 * metrics ({@link org.lossbench.eval.CaseEvaluator}, {@link org.lossbench.eval.CaseResult},
 * {@link org.lossbench.eval.ClassResult}), empty-case policies, and their aggregation across cases
 * (docs/metrics.md). The building blocks are subpackages that never import this one: {@code eval.lesion},
 * {@code eval.surface}, {@code eval.stats}.
 */
package org.lossbench.eval;

