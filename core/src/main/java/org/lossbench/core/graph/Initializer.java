package org.lossbench.core.graph;

/**
 * A named constant stored in the model: a trainable parameter (weights, biases, PReLU slopes,
 * normalisation scales) or a fixed constant (shapes, slice bounds, epsilons).
 */
public record Initializer(Value value, Tensor tensor, boolean trainable) {
    public String name() {
        return value.name();
    }
}
