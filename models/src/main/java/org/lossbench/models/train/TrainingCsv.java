package org.lossbench.models.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.AtomicFiles;

/**
 * {@code training.csv}: one row per step, {@code step,lr,loss,loss/<term>...,val_dice_1..val_dice_{K-1},val_dice_fg}
 * (validation columns empty except at validation steps). Kept in memory and rewritten atomically at
 * each checkpoint, so that the file always matches the checkpoint beside it.
 */
final class TrainingCsv {
    private final Path file;
    private final String header;
    private final List<String> rows = new ArrayList<>();
    private final List<Long> rowSteps = new ArrayList<>();
    private final int classes;

    TrainingCsv(Path file, List<String> lossOutputs, int classes) {
        this.file = file;
        this.classes = classes;
        StringBuilder h = new StringBuilder("step,lr");
        for (String l : lossOutputs) {
            h.append(',').append(l);
        }
        for (int c = 1; c < classes; c++) {
            h.append(",val_dice_").append(c);
        }
        h.append(",val_dice_fg");
        this.header = h.toString();
    }

    void add(long step, double lr, float[] losses) {
        StringBuilder sb = new StringBuilder().append(step).append(',').append(fmt(lr));
        for (float l : losses) {
            sb.append(',').append(fmt(l));
        }
        sb.append(",".repeat(classes));
        rows.add(sb.toString());
        rowSteps.add(step);
    }

    /** Fills the validation columns of the row of {@code step} (the last row). */
    void addValidation(long step, Validator.Scores scores) {
        int i = rows.size() - 1;
        if (i < 0 || rowSteps.get(i) != step) {
            throw new IllegalStateException("validation at step " + step + " without its training row");
        }
        String r = rows.get(i);
        StringBuilder sb = new StringBuilder(r.substring(0, r.length() - classes));
        for (double d : scores.perClass()) {
            sb.append(',').append(Double.isNaN(d) ? "" : fmt(d));
        }
        sb.append(',').append(Double.isNaN(scores.foreground()) ? "" : fmt(scores.foreground()));
        rows.set(i, sb.toString());
    }

    /** Reads the existing file's rows up to {@code step} (resumption). */
    void loadUpTo(long step) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(file);
            if (lines.isEmpty() || !lines.get(0).equals(header)) {
                throw new BadInputException(file + " does not have the columns of this run (" + header + "); it cannot be resumed");
            }
            for (String l : lines.subList(1, lines.size())) {
                long s = Long.parseLong(l.substring(0, l.indexOf(',')));
                if (s <= step) {
                    rows.add(l);
                    rowSteps.add(s);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof BadInputException b) {
                throw b;
            }
            throw new BadInputException("cannot read " + file + " to resume: " + e.getMessage(), e);
        }
    }

    void write() {
        StringBuilder sb = new StringBuilder(header).append('\n');
        for (String r : rows) {
            sb.append(r).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.9g", v);
    }
}
