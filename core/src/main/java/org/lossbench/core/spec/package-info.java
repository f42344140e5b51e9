/**
 * The {@code NAME[:key=value,...]} grammar shared by every spec a user writes on the command line or in
 * a file: loss terms, model architectures, optimisers and learning-rate schedules ({@link org.lossbench.core.spec.NamedSpec}).
 */
package org.lossbench.core.spec;
