/**
 * The {@code lossbench} command line (Picocli): {@link org.lossbench.cli.Main} and one thin class per command, which
 * parses options and calls the modules; exit codes and error printing are fixed here (docs/design.md, "Errors").
 * The sweep runner ({@code cli.sweep}), the HTML report ({@code cli.report}) and the benchmarks ({@code cli.bench})
 * are subpackages that this package calls and that never call it.
 */
package org.lossbench.cli;

