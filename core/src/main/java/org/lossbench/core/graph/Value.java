package org.lossbench.core.graph;

import java.util.Objects;

/**
 * A tensor flowing through a graph: a graph input, an initializer or a node output, with its
 * element type and (inferred) shape. Values are handles; the graph owns them.
 */
public record Value(String name, DType dtype, Shape shape) {
    public Value {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
    }

    public int rank() {
        return shape.rank();
    }

    @Override
    public String toString() {
        return name + ":" + dtype + shape;
    }
}
