package org.lossbench.cli.options;

import java.nio.file.Path;
import org.lossbench.cli.sweep.SlurmResources;
import org.lossbench.cli.sweep.SweepSpec;
import picocli.CommandLine.ITypeConverter;

/**
 * A sweep spec file as {@code lossbench sweep --spec FILE.json} reads it: the sweep (checked, with paths
 * made absolute, {@link SweepSpec#read}) and, for {@code --slurm}, its {@code slurm} section.
 */
public record SpecFile(Path path, SweepSpec sweep) {

    /** The {@code slurm} section ({@link SlurmResources#read}); read only when asked, as a sweep without --slurm ignores it. */
    public SlurmResources slurm() {
        return SlurmResources.read(path);
    }

    /** Reads the file where picocli parses {@code --spec}; a bad file is bad input (exit 3) naming the file. */
    public static final class Reader implements ITypeConverter<SpecFile> {
        @Override
        public SpecFile convert(String value) {
            Path p = Path.of(value);
            return new SpecFile(p, SweepSpec.read(p));
        }
    }
}
