package org.lossbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.lossbench.core.io.inspect.FileInspector;
import org.lossbench.core.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code lossbench inspect FILE...}: one JSON object per file, one per line. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {
            "Print the header and voxel statistics of NIfTI (.nii, .nii.gz) and NumPy (.npy) files as JSON, one object per line.",
            "",
            "Fields: path, format (nifti1, nifti2, npy), compressed, datatype, byte_order, shape ([D, H, W], or [C, D, H, W] "
                + "for a 4D NIfTI; a .npy keeps its own shape), channels, spacing ((sz, sy, sx) mm), affine (voxel (x, y, z) "
                + "to world mm), qform_code, sform_code, scl_slope, scl_inter, min, max, mean (NaN excluded), nan_values, "
                + "and for integer data distinct_values and labels (label -> voxels and volume_mm3; omitted above "
                + FileInspector.MAX_LABELS + " distinct values).",
            "",
            "All files are checked first; a bad file stops the command with exit code 3 before anything is printed."
        })
final class InspectCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "NIfTI or NumPy files")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> lines = files.stream().map(FileInspector::inspect).map(Json::compact).toList();
        PrintWriter out = spec.commandLine().getOut();
        lines.forEach(out::println);
        out.flush();
        return 0;
    }
}
