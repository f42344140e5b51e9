/**
 * The segmentation losses, one class per loss, each with a plain-Java reference form and an ONNX-graph form
 * that compute the same number (docs/design.md, "Loss contract"; docs/losses.md), and compound losses written as specs
 * such as {@code dice+ce}.
 */
package org.lossbench.losses;

