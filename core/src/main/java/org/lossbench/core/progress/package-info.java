/**
 * Progress of long tasks on stderr: a progress bar in a terminal, periodic log lines otherwise.
 */
package org.lossbench.core.progress;

