package org.lossbench.core.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.nifti.NiftiReader;
import org.lossbench.core.io.npy.NpyReader;

/**
 * Fuzzes the NIfTI and NPY readers (headers, gzip, voxel decoding) with Jazzer: every input must
 * either parse or raise the project's own {@link LossbenchException}. Any other throwable (an index
 * out of bounds, an {@code OutOfMemoryError} from a header that declares a huge volume, a negative
 * array size) is a finding and fails the test; Jazzer then saves the input under
 * {@code src/test/resources/.../HeaderParsersFuzzTestInputs/} where it replays as a regression case.
 *
 * <p>Without {@code JAZZER_FUZZ=1} the seeds in that folder are replayed. The core module's
 * Surefire configuration sets {@code JAZZER_FUZZ=1}, so {@code mvn verify} fuzzes for the fixed
 * budget below ({@code -Djazzer.fuzz=0} turns it off). One fuzz test covers both formats because
 * Jazzer fuzzes only one test per run.
 */
class HeaderParsersFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void niftiAndNpyReadersAcceptOrRejectCleanly(byte[] data) {
        try {
            NiftiReader.readLabels(data, "fuzz.nii");
        } catch (LossbenchException expected) {
            // a clean refusal
        }
        try {
            NiftiReader.readImage(data, "fuzz.nii");
        } catch (LossbenchException expected) {
            // a clean refusal
        }
        try {
            NpyReader.read(data, "fuzz.npy");
        } catch (LossbenchException expected) {
            // a clean refusal
        }
    }
}
