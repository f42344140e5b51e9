package org.lossbench.models.arch;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.graph.Graph;

/** The architectures {@code lossbench models} knows, by name. */
public enum Architecture {
    VNET("vnet", "V-Net as published (Milletari et al. 2016): 5x5x5 convolutions, PReLU, residual stages of 1,2,3,3 "
            + "convolutions down, 3 at the bottom, 3,3,2,1 up, 16..256 channels, no normalisation; options --width --kernel"),
    VNET_LITE("vnet-lite", "slimmed V-Net after Wong et al. 2018: 3x3x3 convolutions, instance normalisation, "
            + "two-convolution residual blocks, light decoder, about 1/14 of vnet's parameters; deep-supervision heads "
            + "only in the training graph; options --width --depth --kernel"),
    VNET_TINY("vnet-tiny", "V-Net with one convolution per stage and width, depth and kernel from flags "
            + "(defaults 4, 2, 3), small enough to train in seconds on a CPU");

    private final String id;
    private final String description;

    Architecture(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /** The architecture named {@code name}; an unknown name is a usage error listing the known ones. */
    public static Architecture byName(String name) {
        for (Architecture a : values()) {
            if (a.id.equals(name.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new LossbenchException(ExitCode.USAGE, "unknown architecture '" + name + "'; known: "
                + String.join(", ", Arrays.stream(values()).map(Architecture::id).toList()));
    }

    /** The inference graph for {@code o}. */
    public Graph build(ArchOptions o) {
        return switch (this) {
            case VNET -> VNetBuilder.build(vnet(o));
            case VNET_LITE -> VNetLiteBuilder.build(lite(o));
            case VNET_TINY -> VNetBuilder.build(tiny(o));
        };
    }

    /**
     * The training graph for a fixed input {@code [batch, C_in, patch]}: {@code logits}, and for
     * {@code vnet-lite} the deep-supervision outputs {@code logits_ds1..}, at {@code 1/2^i} resolution.
     */
    public Graph buildTraining(ArchOptions o, int batch, int[] patch) {
        long[] shape = {batch, o.inChannels(), patch[0], patch[1], patch[2]};
        return switch (this) {
            case VNET -> VNetBuilder.build(vnet(o), shape);
            case VNET_LITE -> VNetLiteBuilder.build(lite(o), true, shape);
            case VNET_TINY -> VNetBuilder.build(tiny(o), shape);
        };
    }

    /** The fully resolved configuration for {@code o}, as recorded in the model card. */
    public Map<String, Object> resolvedConfig(ArchOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", id);
        switch (this) {
            case VNET, VNET_TINY -> {
                VNetConfig c = this == VNET ? vnet(o) : tiny(o);
                m.put("in_channels", c.inChannels());
                m.put("classes", c.classes());
                m.put("width", c.width());
                m.put("depth", c.depth());
                m.put("kernel", c.kernel());
                m.put("encoder_convs", c.encoderConvs());
                m.put("decoder_convs", c.decoderConvs());
                m.put("normalization", c.norm().name().toLowerCase(Locale.ROOT));
                m.put("seed", c.seed());
            }
            case VNET_LITE -> {
                VNetLiteConfig c = lite(o);
                m.put("in_channels", c.inChannels());
                m.put("classes", c.classes());
                m.put("width", c.width());
                m.put("depth", c.depth());
                m.put("kernel", c.kernel());
                m.put("encoder_convs", c.encoderConvs());
                m.put("normalization", c.norm().name().toLowerCase(Locale.ROOT));
                m.put("seed", c.seed());
            }
        }
        return m;
    }

    /** Spatial sizes must be multiples of this ({@code 2^depth}). */
    public int sizeMultiple(ArchOptions o) {
        return 1 << switch (this) {
            case VNET -> vnet(o).depth();
            case VNET_LITE -> lite(o).depth();
            case VNET_TINY -> tiny(o).depth();
        };
    }

    private static VNetConfig vnet(ArchOptions o) {
        if (o.depth() != null && o.depth() != 4) {
            throw new LossbenchException(ExitCode.USAGE, "vnet has the published depth 4 (--depth " + o.depth()
                    + " given); use vnet-tiny for other depths");
        }
        try {
            VNetConfig p = VNetConfig.paper(o.inChannels(), o.classes(), o.seed());
            return new VNetConfig(p.inChannels(), p.classes(), o.width() == null ? p.width() : o.width(),
                    p.encoderConvs(), p.decoderConvs(), o.kernel() == null ? p.kernel() : o.kernel(), p.norm(), p.seed());
        } catch (IllegalArgumentException e) {
            throw new LossbenchException(ExitCode.USAGE, "vnet: " + e.getMessage());
        }
    }

    private static VNetLiteConfig lite(ArchOptions o) {
        try {
            VNetLiteConfig d = VNetLiteConfig.defaults(o.inChannels(), o.classes(), o.seed());
            int[] enc = d.encoderConvs();
            if (o.depth() != null) {
                enc = new int[o.depth() + 1];
                Arrays.fill(enc, 2);
                enc[enc.length - 1] = 1;
            }
            return new VNetLiteConfig(d.inChannels(), d.classes(), o.width() == null ? d.width() : o.width(), enc,
                    o.kernel() == null ? d.kernel() : o.kernel(), d.norm(), d.seed());
        } catch (IllegalArgumentException | NegativeArraySizeException e) {
            throw new LossbenchException(ExitCode.USAGE, "vnet-lite: " + e.getMessage());
        }
    }

    private static VNetConfig tiny(ArchOptions o) {
        try {
            return VNetConfig.tiny(o.inChannels(), o.classes(), o.width() == null ? 4 : o.width(),
                    o.depth() == null ? 2 : o.depth(), o.kernel() == null ? 3 : o.kernel(), o.seed());
        } catch (IllegalArgumentException e) {
            throw new LossbenchException(ExitCode.USAGE, "vnet-tiny: " + e.getMessage());
        }
    }
}
