/**
 * The sweep runner (docs/sweep.md): the plan of cells, their claims and runs, and the aggregation of their files into
 * the sweep folder's outputs. The folder's schema (names, format tags, documents, columns, CSV codec) is not defined
 * here but in {@code org.lossbench.eval.results}, which this package writes through.
 *
 * <p>Dependencies go one way: {@code cli.sweep} calls the report ({@code cli.report}: the overlay capture while a cell
 * runs, {@code HtmlReport} after the aggregation); the report never imports this package.
 */
package org.lossbench.cli.sweep;
