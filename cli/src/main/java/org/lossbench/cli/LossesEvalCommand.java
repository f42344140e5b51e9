package org.lossbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.lossbench.cli.options.Converters;
import org.lossbench.cli.options.DeviceOption;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.io.Json;
import org.lossbench.losses.check.LossComparison;
import org.lossbench.losses.LossInput;
import org.lossbench.losses.LossInputFiles;
import org.lossbench.losses.LossKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lossbench losses eval}: each loss on given logits and labels, in both forms (plain Java and
 * ONNX graph run by ONNX Runtime), and their difference. A bad loss spec is a usage error before any
 * file is read (its converter parses it).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate losses on logits and labels: reference value, ONNX Runtime graph value and their difference, as JSON.")
final class LossesEvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--logits", required = true, paramLabel = "FILE.npy", description = "float logits [N, K, D, H, W] (or [K, D, H, W])")
    Path logits;
    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "integer labels [N, D, H, W] as .npy, or a NIfTI label map (N = 1)")
    Path labels;
    @Option(names = "--loss", paramLabel = "SPEC", converter = Converters.LossSpec.class, description = "loss spec such as dice, focal:gamma=2,alpha=0.25 or 0.5*dice+0.5*ce; repeatable (default: every loss with its defaults)")
    List<String> losses;
    @Mixin
    DeviceOption device = new DeviceOption("cpu");

    /** The JSON output. */
    record Output(String logits, String labels, int[] shape, List<LossComparison> losses) {
    }

    @Override
    public Integer call() {
        List<String> specs = losses == null || losses.isEmpty()
                ? Arrays.stream(LossKind.values()).map(LossKind::id).toList() : losses;
        SessionConfig config = SessionConfig.defaults(device.device());
        LossInput in = LossInputFiles.read(logits, labels);
        List<LossComparison> results = new ArrayList<>();
        for (String s : specs) {
            results.add(LossComparison.of(s, in, config));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(Json.pretty(new Output(logits.toString(), labels.toString(), in.shape(), results)));
        out.flush();
        return 0;
    }
}
