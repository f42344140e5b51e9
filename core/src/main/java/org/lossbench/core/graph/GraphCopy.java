package org.lossbench.core.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies a graph node by node into another, letting a rewrite replace single nodes: the mechanism the lowerings share
 * ({@link Conv3dLowering}, {@link PatchConv#lowerTransposed}). Initializers are created in the copy when first read,
 * under their own names and trainable or not as in the source; outputs keep their names; metadata is copied.
 */
final class GraphCopy {
    /** A rewrite of one node: its output's replacement in {@link #target()}, or {@code null} to copy the node unchanged. */
    interface Rewrite {
        Value apply(GraphCopy copy, Node node);
    }

    private final Graph source;
    private final Graph target;
    private final Map<String, Value> map = new HashMap<>();

    GraphCopy(Graph source, Graph target) {
        this.source = source;
        this.target = target;
    }

    Graph target() {
        return target;
    }

    /** Makes {@code value} (a value of the target, typically an input) the copy of the source value {@code name}. */
    void bind(String name, Value value) {
        map.put(name, value);
    }

    /** The copy of the source value {@code name} if it exists already (an initializer not yet read has none). */
    Value existing(String name) {
        return map.get(name);
    }

    /** The copy of the source value {@code name}, an initializer created on first use; {@code null} for an omitted input ({@code ""}). */
    Value value(String name) {
        if (name.isEmpty()) {
            return null;
        }
        Initializer init = source.initializer(name);
        if (init != null && !map.containsKey(name)) {
            map.put(name, init.trainable() ? target.parameter(name, init.tensor()) : target.constant(name, init.tensor()));
        }
        return map.get(name);
    }

    /** Copies every node of the source in order, through {@code rewrite}, then its outputs and metadata; returns the target. */
    Graph run(Rewrite rewrite) {
        for (Node n : source.nodes()) {
            Value replaced = rewrite.apply(this, n);
            if (replaced != null) {
                map.put(n.output(), replaced);
                continue;
            }
            List<Value> ins = new ArrayList<>();
            for (String s : n.inputs()) {
                ins.add(value(s));
            }
            List<Value> outs = target.opMulti(n.opType(), n.name(), ins, n.attributes(), n.outputs().size());
            for (int i = 0; i < outs.size(); i++) {
                map.put(n.outputs().get(i), outs.get(i));
            }
        }
        for (Value o : source.outputs()) {
            target.output(map.get(o.name()), o.name());
        }
        source.metadata().forEach(target::putMetadata);
        return target;
    }
}
