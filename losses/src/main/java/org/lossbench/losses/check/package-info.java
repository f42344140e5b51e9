/**
 * Checking a loss's graph form against its reference: standalone loss graphs, their evaluation through ONNX
 * Runtime, and the comparison that {@code lossbench losses eval} prints. It sits above {@code losses} and
 * {@code losses.graph}.
 */
package org.lossbench.losses.check;

