package org.lossbench.eval.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}: the sweep's name, the resolved spec and its SHA-256, and per cell in plan order its status
 * ({@value #DONE} or {@value #FAILED}), configuration and, when done, its cases and provenance (from its
 * {@code cell.json}), when failed, the reason and exit code (from its {@code failed.json}).
 */
public record ManifestFile(String format, String sweep, String specSha256, JsonNode spec, List<Cell> cells) {
    public static final String DONE = "done";
    public static final String FAILED = "failed";

    /** One cell of the manifest; the fields of the other status are absent. */
    public record Cell(int index, String key, String dataset, String model, String loss, long seed, String status,
                       Map<String, Object> config, List<String> cases, Map<String, Object> provenance, String failure, Integer exitCode) {
        public static Cell done(CellId id, Map<String, Object> config, CellDocument doc) {
            return new Cell(id.index(), id.key(), id.dataset(), id.model(), id.loss(), id.seed(), DONE, config, doc.cases(),
                    doc.provenance(), null, null);
        }

        public static Cell failed(CellId id, Map<String, Object> config, CellFailure f) {
            return new Cell(id.index(), id.key(), id.dataset(), id.model(), id.loss(), id.seed(), FAILED, config, null, null,
                    f.reason(), f.exitCode());
        }

        public boolean done() {
            return DONE.equals(status);
        }
    }

    public ManifestFile(String sweep, String specSha256, JsonNode spec, List<Cell> cells) {
        this(FormatTag.MANIFEST, sweep, specSha256, spec, cells);
    }

    public void write(Path sweepDir) {
        Documents.write(sweepDir.resolve(SweepLayout.MANIFEST), this);
    }

    /** The manifest of {@code sweepDir}; missing, malformed or of another format, a {@link org.lossbench.core.BadInputException}. */
    public static ManifestFile read(Path sweepDir) {
        Path f = sweepDir.resolve(SweepLayout.MANIFEST);
        ManifestFile m = Documents.read(f, ManifestFile.class, "run the sweep to its end (or lossbench merge " + sweepDir + ")");
        FormatTag.require(FormatTag.MANIFEST, m.format(), f);
        return m;
    }
}
