/**
 * {@code lossbench datasets fetch}: downloading or copying a Medical Segmentation Decathlon task, checking its
 * digests and extracting it safely, so that no failure leaves anything half-written.
 */
package org.lossbench.datasets.fetch;

