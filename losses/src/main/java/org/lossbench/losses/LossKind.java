package org.lossbench.losses;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.losses.spec.LossParams;
import org.lossbench.losses.spec.ParamDef;

/**
 * The losses lossbench knows, by the name used in specs, with the one-line formula, the reference and
 * the parameters that {@code lossbench losses list} prints. The full conventions are in each class's
 * Javadoc and in {@code docs/losses.md}.
 */
public enum LossKind {
    CE("ce", "cross-entropy, optionally class-weighted",
            "sum_x w_y(x) (-ln p_y(x)(x)) / sum_x w_y(x), p = softmax",
            "PyTorch nn.CrossEntropyLoss as in MONAI DiceCELoss",
            CrossEntropyLoss.PARAMS, CrossEntropyLoss::new),
    TOPK("topk", "cross-entropy of the k% hardest voxels",
            "mean of the m = max(1, floor(M k / 100)) largest -ln p_y(x)(x) over the M voxels of the batch",
            "Wu et al. 2016 (bootstrapped CE); nnU-Net TopKLoss; Ma et al. 2021",
            TopKCrossEntropyLoss.PARAMS, TopKCrossEntropyLoss::new),
    DICE("dice", "soft Dice (MONAI DiceLoss)",
            "mean_{n,c} 1 - (2 sum_x p g + smooth_nr) / (sum_x p + sum_x g + smooth_dr)",
            "Milletari et al. 2016; MONAI DiceLoss(softmax=True)",
            SoftDiceLoss.PARAMS, SoftDiceLoss::new),
    DICE_VNET("dice-vnet", "V-Net Dice, squared denominator",
            "mean_{n,c>0} 1 - (2 sum_x p g + smooth_nr) / (sum_x p^2 + sum_x g^2 + smooth_dr)",
            "Milletari, Navab, Ahmadi 2016, V-Net, 3DV, eq. 1",
            VNetDiceLoss.PARAMS, VNetDiceLoss::new),
    GENERALIZED_DICE("generalized-dice", "generalised Dice, class weights from reference volumes",
            "mean_n 1 - (2 sum_c w_c sum_x p g + smooth_nr) / (sum_c w_c sum_x (p + g) + smooth_dr), w_c = 1/r_c^2",
            "Sudre et al. 2017, DLMIA; MONAI GeneralizedDiceLoss",
            GeneralizedDiceLoss.PARAMS, GeneralizedDiceLoss::new),
    FOCAL("focal", "focal loss, softmax or sigmoid",
            "mean_{n,c,x} -alpha_c (1 - p_c)^gamma g_c ln p_c",
            "Lin et al. 2017, ICCV; MONAI FocalLoss",
            FocalLoss.PARAMS, FocalLoss::new),
    EXP_LOG("exp-log", "exponential logarithmic loss",
            "w_dice E_i[(-ln Dice_i)^gamma_dice] + w_ce E_x[w_l (-ln p_l(x))^gamma_ce], w_l = (sum_k f_k / f_l)^0.5",
            "Wong et al. 2018, MICCAI",
            ExpLogLoss.PARAMS, ExpLogLoss::new),
    TVERSKY("tversky", "Tversky loss (alpha on FP, beta on FN)",
            "mean_{n,c} 1 - (TP + smooth_nr) / (TP + alpha FP + beta FN + smooth_dr)",
            "Salehi et al. 2017, MLMI; MONAI TverskyLoss",
            TverskyLoss.PARAMS, TverskyLoss::new),
    FOCAL_TVERSKY("focal-tversky", "focal Tversky loss",
            "mean_{n,c} (1 - TI_c)^(1/gamma), TI = (TP + s) / (TP + alpha FP + beta FN + s)",
            "Abraham and Khan 2019, ISBI",
            FocalTverskyLoss.PARAMS, FocalTverskyLoss::new);

    private final String id;
    private final String title;
    private final String formula;
    private final String reference;
    private final List<ParamDef> params;
    private final Function<LossParams, Loss> factory;

    LossKind(String id, String title, String formula, String reference, List<ParamDef> params, Function<LossParams, Loss> factory) {
        this.id = id;
        this.title = title;
        this.formula = formula;
        this.reference = reference;
        this.params = params;
        this.factory = factory;
    }

    /** The name in specs, such as {@code focal}. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String formula() {
        return formula;
    }

    /** The paper (and the implementation whose conventions are followed). */
    public String reference() {
        return reference;
    }

    public List<ParamDef> params() {
        return params;
    }

    /** The loss with {@code given} parameters (spec strings or JSON values); bad ones are usage errors. */
    public Loss create(Map<String, ?> given) {
        return factory.apply(LossParams.resolve(id, params, given));
    }

    /** The loss of this kind with its defaults. */
    public Loss withDefaults() {
        return create(Map.of());
    }

    /** The kind named {@code id}; an unknown name is a usage error listing the known ones. */
    public static LossKind of(String id) {
        for (LossKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new LossbenchException(ExitCode.USAGE, "bad loss spec: unknown loss '" + id + "'; known losses: "
                + Arrays.stream(values()).map(LossKind::id).collect(Collectors.joining(", "))
                + "; presets: " + String.join(", ", LossPresets.NAMES.keySet()));
    }
}
