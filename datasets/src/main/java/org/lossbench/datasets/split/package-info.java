/**
 * Deterministic, stratified train/validation/test splits and cross-validation folds, with the strata that
 * spread cases with small or missing structures over every fold.
 */
package org.lossbench.datasets.split;

