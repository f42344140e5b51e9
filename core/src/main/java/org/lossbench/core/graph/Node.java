package org.lossbench.core.graph;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX node: its unique name, operator type, input and output value names (an empty string
 * marks an omitted optional input), and attributes in insertion order. Immutable, so a pass that
 * walks a graph (such as reverse-mode differentiation) can read nodes while appending new ones.
 */
public record Node(String name, String opType, List<String> inputs, List<String> outputs, Map<String, Attribute> attributes) {
    public Node {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** Integer attribute {@code key}, or {@code fallback} when absent. */
    public long intAttr(String key, long fallback) {
        Attribute a = attributes.get(key);
        return a instanceof Attribute.Int i ? i.value() : fallback;
    }

    /** Integer-list attribute {@code key}, or null when absent. */
    public long[] intsAttr(String key) {
        Attribute a = attributes.get(key);
        return a instanceof Attribute.Ints i ? i.values() : null;
    }

    /** Float attribute {@code key}, or {@code fallback} when absent. */
    public float floatAttr(String key, float fallback) {
        Attribute a = attributes.get(key);
        return a instanceof Attribute.Float f ? f.value() : fallback;
    }

    /** Input {@code i}'s value name, or empty when omitted or beyond the list. */
    public String input(int i) {
        return i < inputs.size() ? inputs.get(i) : "";
    }

    /** The single output, for single-output nodes. */
    public String output() {
        return outputs.get(0);
    }
}
