package org.lossbench.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lossbench.core.engine.Device;
import org.lossbench.core.engine.SessionConfig;
import org.lossbench.core.io.Json;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.losses.check.LossComparison;
import org.lossbench.losses.LossInput;
import org.lossbench.losses.LossInputFiles;
import org.lossbench.losses.LossKind;
import org.lossbench.losses.LossPresets;
import org.lossbench.losses.spec.ParamDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lossbench losses list | eval}. */
@Command(name = "losses", mixinStandardHelpOptions = true,
        description = "List the losses, or evaluate them on logits and labels in both forms (reference and ONNX graph).",
        subcommands = {LossesCommand.ListLosses.class, LossesCommand.Eval.class})
final class LossesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Each loss with its formula, defaults and reference, then the presets; --json for JSON.")
    static final class ListLosses implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--json", description = "print one JSON document instead of text")
        boolean json;

        /** One parameter in the JSON listing. */
        record ParamInfo(String name, Object defaultValue, String allowed, String description) {
        }

        /** One loss in the JSON listing. */
        record LossInfo(String name, String title, String formula, Map<String, Object> defaults, List<ParamInfo> parameters,
                        String reference) {
        }

        /** The JSON listing. */
        record Listing(List<LossInfo> losses, Map<String, String> presets) {
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                List<LossInfo> infos = new ArrayList<>();
                for (LossKind k : LossKind.values()) {
                    List<ParamInfo> params = new ArrayList<>();
                    for (ParamDef d : k.params()) {
                        params.add(new ParamInfo(d.name(), d.defaultValue(), d.allowed(), d.description()));
                    }
                    infos.add(new LossInfo(k.id(), k.title(), k.formula(), k.withDefaults().params().values(), params, k.reference()));
                }
                out.print(Json.pretty(new Listing(infos, LossPresets.NAMES)));
                out.flush();
                return 0;
            }
            for (LossKind k : LossKind.values()) {
                out.println(k.id() + "  " + k.title());
                out.println("  formula:   " + k.formula());
                String defaults = k.withDefaults().params().toSpec().replace(",", ", ");
                out.println("  defaults:  " + (defaults.isEmpty() ? "(none)" : defaults));
                for (ParamDef d : k.params()) {
                    out.println("    " + d.name() + ": " + d.description() + "; " + d.allowed());
                }
                out.println("  reference: " + k.reference());
                out.println();
            }
            out.println("presets:");
            LossPresets.NAMES.forEach((name, description) -> out.println("  " + name + "  " + description));
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Evaluate losses on logits and labels: reference value, ONNX Runtime graph value and their difference, as JSON.")
    static final class Eval implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--logits", required = true, paramLabel = "FILE.npy", description = "float logits [N, K, D, H, W] (or [K, D, H, W])")
        Path logits;
        @Option(names = "--labels", required = true, paramLabel = "FILE", description = "integer labels [N, D, H, W] as .npy, or a NIfTI label map (N = 1)")
        Path labels;
        @Option(names = "--loss", paramLabel = "SPEC", description = "loss spec such as dice, focal:gamma=2,alpha=0.25 or 0.5*dice+0.5*ce; repeatable (default: every loss with its defaults)")
        List<String> losses;
        @Option(names = "--device", defaultValue = "cpu", description = "auto, cpu, cuda or cuda:N (default: ${DEFAULT-VALUE})")
        String device;

        /** The JSON output. */
        record Output(String logits, String labels, int[] shape, List<LossComparison> losses) {
        }

        @Override
        public Integer call() {
            List<String> specs = losses == null || losses.isEmpty()
                    ? Arrays.stream(LossKind.values()).map(LossKind::id).toList() : losses;
            specs.forEach(CompoundLoss::parse); // usage errors before any file is read
            SessionConfig config = SessionConfig.defaults(Device.parse(device));
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
}
