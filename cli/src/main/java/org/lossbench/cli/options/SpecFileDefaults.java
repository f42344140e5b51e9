package org.lossbench.cli.options;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.Json;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of {@code lossbench sweep}'s options from its {@code --spec} file, so that a flag given on
 * the command line overrides the file's field and a field the file leaves out falls back to the
 * option's own default (docs/sweep.md). picocli asks for defaults after it has read the command line,
 * so the {@code --spec} option already holds the file.
 *
 * <p>The options come in groups that map one to one onto the spec's sections: an option of the mixin
 * named {@code training}, {@code evaluation}, {@code inference} or {@code slurm} defaults to that
 * section's field, one of the mixin named {@link #TOP_LEVEL} to a top-level field; the field is the
 * option's long name in snake_case ({@code --tolerance-mm} is {@code evaluation.tolerance_mm}), except
 * {@code --infer-batch}, which is {@code inference.batch}. A list is written as the flag takes it (joined
 * with the option's split character, or ',' for a size {@code D,H,W}); an empty list counts as left out.
 * The mapping {@code external} is no option's default (a map option takes one entry per occurrence):
 * {@code SweepGridOptions} takes it from the file. The {@code slurm} section is read only with
 * {@code --slurm}. Each value goes through the option's converter here, so that a bad one is a usage
 * error naming the file and the field instead of a flag that was never given.
 */
public final class SpecFileDefaults implements IDefaultValueProvider {
    /** The name of the mixin whose options are the spec's top-level fields. */
    public static final String TOP_LEVEL = "top-level";
    private static final Set<String> SECTIONS = Set.of(TOP_LEVEL, "training", "evaluation", "inference", "slurm");
    private static final Map<String, String> FIELD_NOT_THE_OPTION_NAME = Map.of("--infer-batch", "batch");

    private SpecFile loaded;
    private JsonNode sweep;
    private JsonNode slurm;

    @Override
    public String defaultValue(ArgSpec arg) {
        CommandSpec command = arg.command();
        SpecFile file = command.findOption("--spec").getValue();
        String section = arg instanceof OptionSpec option ? sectionOf(command, option) : null;
        if (file == null || section == null || section.equals("slurm") && !Boolean.TRUE.equals(command.findOption("--slurm").getValue())) {
            return null;
        }
        OptionSpec option = (OptionSpec) arg;
        String field = FIELD_NOT_THE_OPTION_NAME.getOrDefault(option.longestName(), option.longestName().substring(2).replace('-', '_'));
        String text = text(section(file, section).get(field), option);
        if (text == null) {
            return null;
        }
        check(file, (section.equals(TOP_LEVEL) ? "" : section + ".") + field, option, text);
        return text.replace("$", "$$"); // picocli interpolates ${...} in defaults; "$$" is its escape for '$'
    }

    /** The spec section of the mixin that holds {@code option}, or null (not a spec field, e.g. {@code --out}). */
    private static String sectionOf(CommandSpec command, OptionSpec option) {
        for (Map.Entry<String, CommandSpec> mixin : command.mixins().entrySet()) {
            if (SECTIONS.contains(mixin.getKey()) && mixin.getValue().options().contains(option)) {
                return mixin.getKey();
            }
        }
        return null;
    }

    private JsonNode section(SpecFile file, String name) {
        if (loaded != file) {
            loaded = file;
            sweep = Json.mapper().valueToTree(file.sweep());
            slurm = null;
        }
        if (name.equals("slurm")) {
            slurm = slurm != null ? slurm : Json.mapper().valueToTree(file.slurm());
            return slurm;
        }
        return name.equals(TOP_LEVEL) ? sweep : sweep.path(name);
    }

    /** The field as the option's text, or null where the file leaves it out. */
    private static String text(JsonNode value, OptionSpec option) {
        if (value == null || value.isNull() || value.isMissingNode() || value.isObject() || value.isArray() && value.isEmpty()) {
            return null;
        }
        if (!value.isArray()) {
            return value.asText();
        }
        List<String> items = new ArrayList<>();
        value.forEach(v -> items.add(v.asText()));
        return String.join(option.splitRegex().isEmpty() ? "," : option.splitRegex(), items);
    }

    private static void check(SpecFile file, String field, OptionSpec option, String text) {
        try {
            for (ITypeConverter<?> converter : option.converters()) {
                converter.convert(text);
            }
        } catch (OptionValueException e) {
            throw new LossbenchException(ExitCode.USAGE, "sweep spec " + file.path() + ": " + field + " " + e.getMessage());
        } catch (LossbenchException e) {
            throw new LossbenchException(e.exitCode(), "sweep spec " + file.path() + ": " + field + ": " + e.getMessage());
        } catch (Exception e) {
            throw new LossbenchException(ExitCode.USAGE, "sweep spec " + file.path() + ": " + field + ": " + e.getMessage());
        }
    }
}
