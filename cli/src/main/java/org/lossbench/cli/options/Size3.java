package org.lossbench.cli.options;

import java.util.List;
import picocli.CommandLine.ITypeConverter;

/**
 * A size in voxels, {@code D,H,W} (depth, height, width, docs/design.md's layout), as the options
 * {@code --patch}, {@code --roi} and {@code --shape} take it: three positive integers, or one for a cube.
 * Spaces around the numbers are ignored.
 */
public record Size3(int d, int h, int w) {
    public Size3 {
        if (d < 1 || h < 1 || w < 1) {
            throw new IllegalArgumentException("sizes must be positive, got " + d + "," + h + "," + w);
        }
    }

    /** Parses {@code D,H,W} or {@code S} (a cube); anything else is an {@link OptionValueException}. */
    public static Size3 parse(String text) {
        String[] parts = text.split(",", -1);
        try {
            if (parts.length == 1 || parts.length == 3) {
                int d = Integer.parseInt(parts[0].strip());
                int h = parts.length == 1 ? d : Integer.parseInt(parts[1].strip());
                int w = parts.length == 1 ? d : Integer.parseInt(parts[2].strip());
                if (d > 0 && h > 0 && w > 0) {
                    return new Size3(d, h, w);
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the error
        }
        throw new OptionValueException("must be three positive sizes D,H,W (or one for a cube), got '" + text + "'");
    }

    public int[] toArray() {
        return new int[] {d, h, w};
    }

    public List<Integer> toList() {
        return List.of(d, h, w);
    }

    /** The picocli converter of {@code D,H,W} options. */
    public static final class Converter implements ITypeConverter<Size3> {
        @Override
        public Size3 convert(String value) {
            return parse(value);
        }
    }
}
