/**
 * Loss specs such as {@code focal:gamma=2,alpha=0.25} or {@code 0.5*dice+0.5*ce}: the grammar, the parser and
 * the typed parameters with their defaults and ranges.
 */
package org.lossbench.losses.spec;

