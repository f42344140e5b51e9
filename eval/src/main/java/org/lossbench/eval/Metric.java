package org.lossbench.eval;

import java.util.function.ToDoubleFunction;

/** The per-case, per-class metrics that are aggregated across cases, with their column names. */
public enum Metric {
    DICE("dice", ClassResult::dice),
    IOU("iou", ClassResult::iou),
    PRECISION("precision", ClassResult::precision),
    RECALL("recall", ClassResult::recall),
    RELATIVE_VOLUME_ERROR("rve", ClassResult::relativeVolumeError),
    HD("hd_mm", ClassResult::hd),
    HD95("hd95_mm", ClassResult::hd95),
    ASSD("assd_mm", ClassResult::assd),
    NSD("nsd", ClassResult::nsd),
    LESION_PRECISION("lesion_precision", r -> r.lesions().precision()),
    LESION_RECALL("lesion_recall", r -> r.lesions().recall()),
    LESION_F1("lesion_f1", r -> r.lesions().f1()),
    LESIONWISE_DICE("lesionwise_dice", r -> r.lesions().lesionwiseDice()),
    LESIONWISE_HD95("lesionwise_hd95_mm", r -> r.lesions().lesionwiseHd95());

    private final String column;
    private final ToDoubleFunction<ClassResult> getter;

    Metric(String column, ToDoubleFunction<ClassResult> getter) {
        this.column = column;
        this.getter = getter;
    }

    public String column() {
        return column;
    }

    public double of(ClassResult r) {
        return getter.applyAsDouble(r);
    }
}
