/**
 * The graph a loss appends its nodes to ({@link org.lossbench.losses.graph.LossGraphContext}), with the
 * subgraphs several losses share (softmax, log-softmax, one-hot labels). Knows no loss: the losses depend on it.
 */
package org.lossbench.losses.graph;

