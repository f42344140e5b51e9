package org.lossbench.core.io.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.core.volume.Affine;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.ImageVolume;
import org.lossbench.core.volume.LabelMap;

/**
 * Files that {@link NiftiWriter} writes, as nibabel 5.0 reads them ({@code tools/nibabel_check.py}):
 * label maps (uint8, int16) and images (float32 with one and two channels, int16, uint8 with
 * {@code scl_slope}/{@code scl_inter}), {@code .nii} and {@code .nii.gz}, NIfTI-1 with an
 * axis-permuting flipped affine and NIfTI-2 with an oblique one, anisotropic spacing.
 *
 * <p>Each file's expected nibabel view is derived here from the values handed to the writer, not
 * from the writer: shape {@code (W, H, D[, C])}, numpy dtype, affine (the sform), qform, zooms
 * {@code (sx, sy, sz[, 1])}, and the sum, the position-weighted sum {@code sum_n v_n (n mod 7 + 1)}
 * (n in file order, x fastest), min and max of the values.
 *
 * <p>Two checks: {@link #nibabelReadsWhatWasWritten} runs Debian's {@code /usr/bin/python3} with
 * nibabel on freshly written files where both are installed (skipped with a message otherwise);
 * {@link #fixtureMatchesWhatIsWrittenNow} always runs: the committed {@code nibabel-view/expected.json}
 * is nibabel's view of the files this class's writer call produced, with each file's SHA-256 (after
 * gunzip); the files written now must have the same bytes, and that view must match the expectations.
 * To regenerate the fixture, run {@link #nibabelReadsWhatWasWritten} with nibabel installed: it leaves
 * nibabel's output in {@code core/target/nibabel-view-expected.json}.
 */
class NiftiWriterNibabelTest {
    private static final String PYTHON = "/usr/bin/python3";

    /** What nibabel must report for one written file. */
    private record Expected(String file, int version, int[] shape, String dtype, Affine affine, double[] zooms,
                            double[] values) {
    }

    /** Position-weighted sum {@code sum_n v_n (n mod 7 + 1)}, as tools/nibabel_check.py computes it. */
    private static double weightedSum(double[] values) {
        double s = 0;
        for (int n = 0; n < values.length; n++) {
            s += values[n] * (n % 7 + 1);
        }
        return s;
    }

    /** Rotation about z by 30 degrees, then about x by 20 degrees, times diag(0.8, 1.25, 2.5), offset (-40.5, 12.25, 7). */
    private static Affine oblique() {
        double cz = Math.cos(Math.toRadians(30));
        double sz = Math.sin(Math.toRadians(30));
        double cx = Math.cos(Math.toRadians(20));
        double sx = Math.sin(Math.toRadians(20));
        double[][] rz = {{cz, -sz, 0}, {sz, cz, 0}, {0, 0, 1}};
        double[][] rx = {{1, 0, 0}, {0, cx, -sx}, {0, sx, cx}};
        double[] spacing = {0.8, 1.25, 2.5};
        double[] offset = {-40.5, 12.25, 7};
        double[] m = new double[16];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                double v = 0;
                for (int k = 0; k < 3; k++) {
                    v += rx[r][k] * rz[k][c];
                }
                m[r * 4 + c] = v * spacing[c];
            }
            m[r * 4 + 3] = offset[r];
        }
        m[15] = 1;
        return Affine.of(m);
    }

    /** World x = -2.5 k + 30.5, y = -0.75 i + 12.25, z = 1.25 j - 7: every value exact in float32 (NIfTI-1). */
    private static Affine permuted() {
        return Affine.of(0, 0, -2.5, 30.5, -0.75, 0, 0, 12.25, 0, 1.25, 0, -7, 0, 0, 0, 1);
    }

    /** Writes the files into {@code dir} (a fixed, deterministic call) and returns what nibabel must see. */
    private static List<Expected> writeAll(Path dir) {
        List<Expected> out = new ArrayList<>();
        int d = 5;
        int h = 6;
        int w = 7;
        int n = d * h * w;
        Grid obliqueGrid = Grid.fromAffine(d, h, w, oblique());
        Grid permutedGrid = Grid.fromAffine(d, h, w, permuted());
        double[] obliqueZooms = {0.8, 1.25, 2.5};
        double[] permutedZooms = {0.75, 1.25, 2.5};

        int[] small = new int[n];
        int[] wide = new int[n];
        for (int z = 0; z < d; z++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (z * h + y) * w + x;
                    small[i] = (x + 2 * y + 3 * z) % 4;
                    wide[i] = i * 37 % 404 - 3;
                }
            }
        }
        NiftiWriter.write(dir.resolve("labels_uint8.nii.gz"), LabelMap.of(obliqueGrid, small),
                NiftiWriter.Options.defaults().withVersion(2));
        out.add(new Expected("labels_uint8.nii.gz", 2, new int[] {w, h, d}, "uint8", oblique(), obliqueZooms, toDouble(small)));
        NiftiWriter.write(dir.resolve("labels_int16.nii"), LabelMap.of(permutedGrid, wide),
                NiftiWriter.Options.defaults().withVersion(1));
        out.add(new Expected("labels_int16.nii", 1, new int[] {w, h, d}, "int16", permuted(), permutedZooms, toDouble(wide)));

        float[] one = new float[n];
        float[] two = new float[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            float v = (float) (Math.sin(0.37 * i) * 150.0 + 0.125 * i);
            if (i < n) {
                one[i] = v;
            }
            two[i] = -v;
        }
        NiftiWriter.write(dir.resolve("image_float32.nii.gz"), new ImageVolume(obliqueGrid, 1, one),
                NiftiWriter.Options.defaults().withVersion(2));
        out.add(new Expected("image_float32.nii.gz", 2, new int[] {w, h, d}, "float32", oblique(), obliqueZooms, toDouble(one)));
        NiftiWriter.write(dir.resolve("image_2ch_float32.nii"), new ImageVolume(permutedGrid, 2, two),
                NiftiWriter.Options.defaults().withVersion(1));
        out.add(new Expected("image_2ch_float32.nii", 1, new int[] {w, h, d, 2}, "float32", permuted(),
                new double[] {0.75, 1.25, 2.5, 1}, toDouble(two)));

        float[] hu = new float[n];
        float[] scaled = new float[n];
        for (int i = 0; i < n; i++) {
            hu[i] = i * 97 % 2001 - 1000;
            scaled[i] = 0.5f * (i * 13 % 256) - 10;
        }
        NiftiWriter.write(dir.resolve("image_int16.nii.gz"), new ImageVolume(permutedGrid, 1, hu),
                NiftiWriter.Options.defaults().withDatatype(NiftiDatatype.INT16).withVersion(1));
        out.add(new Expected("image_int16.nii.gz", 1, new int[] {w, h, d}, "int16", permuted(), permutedZooms, toDouble(hu)));
        NiftiWriter.write(dir.resolve("image_uint8_scaled.nii"), new ImageVolume(permutedGrid, 1, scaled),
                NiftiWriter.Options.defaults().withDatatype(NiftiDatatype.UINT8).withScaling(0.5, -10).withVersion(1));
        out.add(new Expected("image_uint8_scaled.nii", 1, new int[] {w, h, d}, "uint8", permuted(), permutedZooms,
                toDouble(scaled)));
        return out;
    }

    private static double[] toDouble(int[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** Compares nibabel's view of one file (an object of tools/nibabel_check.py's output) with the expectation. */
    private static void assertView(Expected e, JsonNode view) {
        String f = e.file() + ": ";
        assertEquals(e.file(), view.get("file").asText());
        assertEquals(e.version(), view.get("version").asInt(), f + "NIfTI version");
        List<Integer> shape = new ArrayList<>();
        view.get("shape").forEach(s -> shape.add(s.asInt()));
        assertEquals(toList(e.shape()), shape, f + "shape");
        assertEquals(e.dtype(), view.get("dtype").asText(), f + "dtype");
        // docs/formats.md: a volume lossbench creates from an affine gets qform and sform, both code 1 (scanner)
        assertEquals(1, view.get("sform_code").asInt(), f + "sform_code");
        assertEquals(1, view.get("qform_code").asInt(), f + "qform_code");
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 4; c++) {
                assertEquals(e.affine().get(r, c), view.get("affine").get(r).get(c).asDouble(), 1e-12,
                        f + "affine[" + r + "][" + c + "]");
                assertEquals(e.affine().get(r, c), view.get("qform").get(r).get(c).asDouble(), 1e-5,
                        f + "qform[" + r + "][" + c + "]");
            }
        }
        JsonNode zooms = view.get("zooms");
        assertEquals(e.zooms().length, zooms.size(), f + "number of zooms");
        for (int i = 0; i < e.zooms().length; i++) {
            assertEquals(e.zooms()[i], zooms.get(i).asDouble(), 1e-6, f + "zoom " + i);
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : e.values()) {
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double tolerance = 1e-9 * (1 + Math.abs(sum) + e.values().length * Math.max(Math.abs(min), Math.abs(max)));
        assertEquals(sum, view.get("sum").asDouble(), tolerance, f + "sum");
        assertEquals(weightedSum(e.values()), view.get("weighted_sum").asDouble(), 7 * tolerance, f + "weighted sum");
        assertEquals(min, view.get("min").asDouble(), 0.0, f + "min");
        assertEquals(max, view.get("max").asDouble(), 0.0, f + "max");
    }

    private static List<Integer> toList(int[] v) {
        List<Integer> out = new ArrayList<>();
        for (int x : v) {
            out.add(x);
        }
        return out;
    }

    /** SHA-256 of the file's bytes, gunzipped for {@code .gz}, as tools/nibabel_check.py hashes them. */
    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        byte[] bytes;
        if (file.toString().endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                bytes = in.readAllBytes();
            }
        } else {
            bytes = Files.readAllBytes(file);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void fixtureMatchesWhatIsWrittenNow(@TempDir Path tmp) throws Exception {
        List<Expected> expected = writeAll(tmp);
        JsonNode fixture;
        try (InputStream in = getClass().getResourceAsStream("nibabel-view/expected.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        assertEquals(expected.size(), fixture.size(), "files in the fixture");
        for (int i = 0; i < expected.size(); i++) {
            Expected e = expected.get(i);
            JsonNode view = fixture.get(i);
            assertEquals(view.get("sha256").asText(), sha256(tmp.resolve(e.file())),
                    e.file() + ": the writer's bytes differ from those nibabel read for the fixture; "
                            + "if intended, regenerate it (see this class's Javadoc)");
            assertView(e, view);
        }
    }

    @Test
    void nibabelReadsWhatWasWritten(@TempDir Path tmp) throws Exception {
        Path script = Path.of("..", "tools", "nibabel_check.py").toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)), "skipped: " + PYTHON + " is not installed");
        Assumptions.assumeTrue(Files.isRegularFile(script), "skipped: " + script + " is missing");
        Assumptions.assumeTrue(run(List.of(PYTHON, "-c", "import nibabel, numpy")).exitCode == 0,
                "skipped: nibabel or numpy is missing for " + PYTHON + " (Debian: apt-get install python3-nibabel)");

        List<Expected> expected = writeAll(tmp);
        List<String> command = new ArrayList<>(List.of(PYTHON, script.toString()));
        expected.forEach(e -> command.add(tmp.resolve(e.file()).toString()));
        Result result = run(command);
        assertEquals(0, result.exitCode, "nibabel_check.py failed: " + result.output);
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("nibabel-view-expected.json"), result.output);
        }
        JsonNode views = new ObjectMapper().readTree(result.output);
        assertEquals(expected.size(), views.size());
        for (int i = 0; i < expected.size(); i++) {
            assertView(expected.get(i), views.get(i));
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
