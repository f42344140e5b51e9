package org.lossbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Locale;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.Json;
import org.lossbench.eval.report.MarkdownTable;
import org.lossbench.eval.report.ResultWriter;
import org.lossbench.models.zoo.ModelZoo;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The model zoo as {@code lossbench models zoo} prints it: one row per model with its dataset, architecture,
 * loss, seed, training steps and time, final validation Dice per class, file and whether the file matches
 * its card's SHA-256.
 *
 * @param markdown the table in Markdown
 * @param allMatch whether every model file matches its card
 */
record ZooTable(String markdown, boolean allMatch) {

    static ZooTable of(ModelZoo zoo) throws IOException {
        Table t = Table.create("zoo", StringColumn.create("dataset"), StringColumn.create("model"), StringColumn.create("loss"),
                IntColumn.create("seed"), IntColumn.create("steps"), StringColumn.create("train time"), StringColumn.create("validation Dice"),
                StringColumn.create("file"), StringColumn.create("check"));
        boolean allOk = true;
        for (ModelZoo.Entry e : zoo.entries()) {
            JsonNode card = Json.mapper().readTree(e.card().toFile());
            String check;
            try {
                e.verify();
                check = "ok";
            } catch (BadInputException ex) {
                check = "**" + ex.getMessage() + "**";
                allOk = false;
            }
            t.stringColumn(0).append(e.dataset());
            t.stringColumn(1).append(e.arch());
            t.stringColumn(2).append(e.loss());
            t.intColumn(3).append((int) e.seed());
            t.intColumn(4).append(card.path("steps").asInt());
            t.stringColumn(5).append(trainTime(card));
            t.stringColumn(6).append(validationDice(card));
            t.stringColumn(7).append(zoo.dir().relativize(e.file()).toString());
            t.stringColumn(8).append(check);
        }
        return new ZooTable(MarkdownTable.render(t), allOk);
    }

    /** {@code 42 min}, with the number of resumes when the run was resumed. */
    private static String trainTime(JsonNode card) {
        int resumes = card.path("resumes").asInt();
        return (card.path("wall_seconds").isNumber() ? String.format(Locale.ROOT, "%.0f min", card.path("wall_seconds").asDouble() / 60) : "n/a")
                + (resumes > 0 ? " (" + resumes + (resumes == 1 ? " resume)" : " resumes)") : "");
    }

    /** {@code 1 0.91, 2 0.85}: each class's final validation Dice. */
    private static String validationDice(JsonNode card) {
        StringBuilder dice = new StringBuilder();
        card.path("validation_dice").properties().forEach(f -> dice.append(dice.length() == 0 ? "" : ", ").append(f.getKey())
                .append(' ').append(f.getValue().isNumber() ? ResultWriter.fmt(f.getValue().asDouble()) : "n/a"));
        return dice.toString();
    }
}
