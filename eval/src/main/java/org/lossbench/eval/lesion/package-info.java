/**
 * Lesion-wise (instance) evaluation: connected components, their one-to-one matching between reference and
 * prediction (greedy by overlap or Hungarian), and size bins by equivalent-sphere diameter.
 */
package org.lossbench.eval.lesion;

