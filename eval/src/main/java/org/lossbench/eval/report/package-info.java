/**
 * Writing an evaluation's tables: {@code cases.csv}, {@code lesions.csv}, {@code separability.csv} and the
 * summaries, as CSV and Markdown (the one Markdown table writer).
 */
package org.lossbench.eval.report;

