package org.lossbench.losses;

import org.lossbench.core.graph.Value;
import org.lossbench.losses.graph.LossGraphContext;
import org.lossbench.losses.spec.LossParams;

/**
 * A segmentation loss on logits {@code [N, K, D, H, W]} and integer labels {@code [N, D, H, W]}
 * (docs/design.md, loss contract), in two forms that compute the same number: {@link #reference} in plain
 * Java accumulating in double precision, and {@link #emit} as ONNX nodes appended to a graph (float32),
 * which the training step differentiates. Implementations are immutable.
 */
public interface Loss {
    /** What kind of loss this is (its name, formula and paper). */
    LossKind kind();

    /** The resolved parameters, defaults filled in. */
    LossParams params();

    /** The loss value in double precision. Parameters that must match K (per-class lists) are checked here. */
    double reference(LossInput in);

    /**
     * Appends the nodes computing this loss to {@code ctx}'s graph and returns the scalar float value.
     * Only standard opset-17 ops with clear derivatives are used on the path from the logits.
     */
    Value emit(LossGraphContext ctx);

    /**
     * The shortest spec that recreates this loss: its name and only the parameters that differ from the
     * kind's defaults ({@code dice}, {@code focal:gamma=3}), the name a person would write.
     */
    default String shortSpec() {
        String changed = params().toSpecOmitting(kind().withDefaults().params());
        return changed.isEmpty() ? kind().id() : kind().id() + ":" + changed;
    }

    /** The spec that recreates this loss, such as {@code focal:gamma=2,activation=softmax}. */
    default String spec() {
        return params().toString();
    }
}
