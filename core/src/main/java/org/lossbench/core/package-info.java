/**
 * The exceptions and exit codes that every module shares: {@link org.lossbench.core.LossbenchException} (a
 * condition a user can act on), {@link org.lossbench.core.BadInputException} (bad input data or model, exit 3) and
 * {@link org.lossbench.core.ExitCode}. Depends on nothing else of lossbench.
 */
package org.lossbench.core;

