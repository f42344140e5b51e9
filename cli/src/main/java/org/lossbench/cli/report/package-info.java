/**
 * The sweep's self-contained HTML report (docs/report.md) and the overlay crops it shows, made from a finished sweep
 * folder's files alone, so that {@code lossbench report DIR} regenerates the page the sweep wrote.
 *
 * <p>Dependencies go one way: this package reads the folder through the results schema
 * ({@code org.lossbench.eval.results}: layout, manifest, column sets, codec) and never imports the runner
 * ({@code cli.sweep}), which calls it.
 */
package org.lossbench.cli.report;
