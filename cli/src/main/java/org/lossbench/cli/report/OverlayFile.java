package org.lossbench.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lossbench.core.BadInputException;
import org.lossbench.core.io.Json;
import org.lossbench.eval.results.FormatTag;

/**
 * A cell's {@code overlays.json} (org.lossbench.eval.results.SweepLayout#OVERLAYS): the format tag, the image channel shown, the crop size asked for, and
 * the crops of the smallest reference lesions, smallest first ({@link OverlayCapture}).
 */
public record OverlayFile(String format, int channel, int cropSize, List<Overlay> overlays) {
    public String json() {
        return Json.pretty(this);
    }

    /** Reads and checks a file; a broken one is a {@link BadInputException} that says to rerun the cell. */
    public static OverlayFile read(Path file) {
        try {
            OverlayFile f = Json.mapper().readValue(Files.readString(file), OverlayFile.class);
            if (!FormatTag.OVERLAYS.equals(f.format())) {
                throw new BadInputException(file + ": format is " + f.format() + ", expected " + FormatTag.OVERLAYS
                        + "; regenerate it by deleting the cell folder and rerunning the sweep");
            }
            for (Overlay o : f.overlays()) {
                o.image();
                o.reference();
                o.prediction();
            }
            return f;
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("unreadable overlay file " + file + " (" + e.getMessage()
                    + "); delete the cell folder and rerun the sweep");
        }
    }
}
