/**
 * Datasets on disk: reading cases from plain NIfTI folders, Medical Segmentation Decathlon and nnU-Net
 * layouts, checked as they are read, and the SHA-256 checksums of their files.
 */
package org.lossbench.datasets.loader;

