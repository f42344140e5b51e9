package org.lossbench.models.train;

import java.util.Locale;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.models.arch.ArchOptions;
import org.lossbench.models.arch.Architecture;

/**
 * {@code ARCH[:key=value,...]} as {@code lossbench train --model} takes it: {@code vnet-tiny},
 * {@code vnet-lite:width=8,depth=3}, {@code vnet:kernel=3}. Keys: {@code width}, {@code depth},
 * {@code kernel} (those of {@code lossbench models export}); input channels and classes come from the
 * dataset, the initialisation seed from {@code --seed}.
 */
public record ModelSpec(Architecture arch, Integer width, Integer depth, Integer kernel) {
    public static ModelSpec parse(String spec) {
        String[] parts = spec.trim().split(":", 2);
        Architecture arch = Architecture.byName(parts[0].trim());
        Integer width = null;
        Integer depth = null;
        Integer kernel = null;
        if (parts.length == 2 && !parts[1].isBlank()) {
            for (String kv : parts[1].split(",")) {
                String[] e = kv.split("=", 2);
                if (e.length != 2) {
                    throw usage(spec, "'" + kv + "' is not key=value");
                }
                int v;
                try {
                    v = Integer.parseInt(e[1].trim());
                } catch (NumberFormatException ex) {
                    throw usage(spec, "value of '" + e[0].trim() + "' is not an integer");
                }
                switch (e[0].trim().toLowerCase(Locale.ROOT)) {
                    case "width" -> width = v;
                    case "depth" -> depth = v;
                    case "kernel" -> kernel = v;
                    default -> throw usage(spec, "unknown option '" + e[0].trim() + "'");
                }
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
