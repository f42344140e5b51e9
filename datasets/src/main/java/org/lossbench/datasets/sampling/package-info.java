/**
 * Training batches: patches drawn with nnU-Net's foreground oversampling, in the layouts of the model and
 * loss contracts, prefetched on background threads.
 */
package org.lossbench.datasets.sampling;

