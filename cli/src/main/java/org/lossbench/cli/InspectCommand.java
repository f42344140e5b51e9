package org.lossbench.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lossbench inspect FILE...}: one JSON object per file. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Print the header and voxel statistics of NIfTI (.nii, .nii.gz) and NumPy (.npy) files as JSON, one object per line.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "files to inspect")
    List<Path> files;

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("inspect: not yet implemented");
    }
}
