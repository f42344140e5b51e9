package org.lossbench.models.train;

import java.util.Map;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.spec.NamedSpec;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

/**
 * {@code ARCH[:key=value,...]} ({@link NamedSpec}) as {@code lossbench train --model} takes it: {@code vnet-tiny},
 * {@code vnet-lite:width=8,depth=3}, {@code vnet:kernel=3}. Keys: {@code width}, {@code depth},
 * {@code kernel} (those of {@code lossbench models export}); input channels and classes come from the
 * dataset, the initialisation seed from {@code --seed}.
 */
public record ModelSpec(Architecture arch, Integer width, Integer depth, Integer kernel) {
    public static ModelSpec parse(String spec) {
        NamedSpec s = NamedSpec.parse(spec, why -> usage(spec, why));
        Architecture arch = Architecture.byName(s.name());
        Integer width = null;
        Integer depth = null;
        Integer kernel = null;
        for (Map.Entry<String, String> e : s.params().entrySet()) {
            int v;
            try {
                v = Integer.parseInt(e.getValue());
            } catch (NumberFormatException ex) {
                throw usage(spec, "value of '" + e.getKey() + "' is not an integer");
            }
            switch (e.getKey()) {
                case "width" -> width = v;
                case "depth" -> depth = v;
                case "kernel" -> kernel = v;
                default -> throw usage(spec, "unknown option '" + e.getKey() + "'");
            }
        }
        return new ModelSpec(arch, width, depth, kernel);
    }

    public ArchOptions options(int inChannels, int classes, long seed) {
        return new ArchOptions(width, depth, kernel, inChannels, classes, seed);
    }

    private static LossbenchException usage(String spec, String what) {
        return new LossbenchException(ExitCode.USAGE, "--model '" + spec + "': " + what + "; expected ARCH[:width=W,depth=D,kernel=K]");
    }
}
