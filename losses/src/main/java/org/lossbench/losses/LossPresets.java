package org.lossbench.losses;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The compound losses that Ma et al. 2021 ("Loss odyssey in medical image segmentation", MedIA) found
 * the most robust, with the weights of their usual implementations (MONAI {@code DiceCELoss} and
 * {@code DiceFocalLoss}: {@code lambda_dice = lambda_ce = lambda_focal = 1}; nnU-Net
 * {@code DC_and_topk_loss}: 1 and 1). A preset is an ordinary spec and parses as the sum it names.
 */
public final class LossPresets {
    /** Preset name to its description; the name is itself the spec. */
    public static final Map<String, String> NAMES;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("dice+ce", "1*dice + 1*ce (MONAI DiceCELoss defaults)");
        m.put("dice+focal", "1*dice + 1*focal (MONAI DiceFocalLoss defaults, softmax, gamma 2)");
        m.put("dice+topk", "1*dice + 1*topk (nnU-Net DC_and_topk_loss, k = 10%)");
        NAMES = Collections.unmodifiableMap(m);
    }

    private LossPresets() {
    }
}
