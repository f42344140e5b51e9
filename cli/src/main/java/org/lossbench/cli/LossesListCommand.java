package org.lossbench.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lossbench.core.io.Json;
import org.lossbench.losses.LossKind;
import org.lossbench.losses.LossPresets;
import org.lossbench.losses.spec.ParamDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lossbench losses list}: every loss with its formula, defaults, parameters and reference, then the presets. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Each loss with its formula, defaults and reference, then the presets; --json for JSON.")
final class LossesListCommand implements Callable<Integer> {
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
