package org.lossbench.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.BadInputException;

class CasePairsTest {
    @TempDir
    Path tmp;

    private Path touch(Path dir, String name) throws IOException {
        Files.createDirectories(dir);
        return Files.writeString(dir.resolve(name), "x");
    }

    @Test
    void pairsFoldersByCaseIdInOrder() throws IOException {
        Path r = tmp.resolve("r");
        Path p = tmp.resolve("p");
        touch(r, "b.nii.gz");
        touch(r, "a.nii");
        touch(r, "notes.txt");
        touch(p, "a.nii.gz");
        touch(p, "b.nii.gz");
        List<CasePairs.Pair> pairs = CasePairs.of(r, p);
        assertEquals(List.of("a", "b"), pairs.stream().map(CasePairs.Pair::caseId).toList());
        assertEquals(p.resolve("a.nii.gz"), pairs.get(0).pred());
    }

    @Test
    void referenceWithoutPredictionIsBadInput() throws IOException {
        Path r = tmp.resolve("r");
        Path p = tmp.resolve("p");
        touch(r, "a.nii.gz");
        touch(r, "b.nii.gz");
        touch(p, "a.nii.gz");
        var e = assertThrows(BadInputException.class, () -> CasePairs.of(r, p));
        assertTrue(e.getMessage().contains("b.nii.gz") && e.getMessage().contains("without a prediction"), e.getMessage());
    }

    @Test
    void fileAgainstFolderAndMissingPathsAreBadInput() throws IOException {
        Path f = touch(tmp, "a.nii.gz");
        Path d = Files.createDirectories(tmp.resolve("d"));
        assertThrows(BadInputException.class, () -> CasePairs.of(f, d));
        assertThrows(BadInputException.class, () -> CasePairs.of(tmp.resolve("missing"), f));
        assertEquals("a", CasePairs.of(f, f).get(0).caseId());
    }

    @Test
    void twoFilesForOneCaseAreBadInput() throws IOException {
        Path r = tmp.resolve("r");
        touch(r, "a.nii");
        touch(r, "a.nii.gz");
        Path p = tmp.resolve("p");
        touch(p, "a.nii.gz");
        assertThrows(BadInputException.class, () -> CasePairs.of(r, p));
    }
}
