package org.lossbench.cli.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lossbench.cli.Main;

/**
 * The committed smoke baseline ({@code results/ci-smoke/baseline/}) is what the code produces at its commit: the smoke
 * sweep ({@code results/ci-smoke/smoke.json}, the settings {@code run.sh} runs) is run in-process and its gated values
 * must equal the baseline's bit for bit ({@link ExactDiff}). The gate itself tolerates small changes; without this test
 * a baseline drifts from the code unnoticed. Training and inference on the CPU with fixed threads are bit-identical
 * from run to run on one kind of machine (docs/training.md), not across CPU models or Java versions, so the test is
 * skipped (reported as such) where {@code baseline/machine.txt} names another CPU model or Java version.
 */
class SmokeBaselineTest {
    static final Path SMOKE = Path.of(System.getProperty("lossbench.root", "..")).resolve("results/ci-smoke");

    @TempDir
    Path tmp;

    @Test
    void theCommittedBaselineIsWhatTheCodeProducesBitForBit() throws Exception {
        Path baseline = SMOKE.resolve("baseline");
        Map<String, String> made = machine(Files.readAllLines(baseline.resolve("machine.txt")));
        Map<String, String> here = Map.of("cpu", cpuModel(), "java", System.getProperty("java.version"));
        Assumptions.assumeTrue(made.equals(here), () -> "results/ci-smoke/baseline was made on " + made + ", this machine is " + here
                + ": the numbers are bit-identical only on the same kind; run results/ci-smoke/run.sh --refresh here to check the baseline on it");
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "sweep", "--spec", SMOKE.resolve("smoke.json").toString(),
                "--out", tmp.toString());
        assertEquals(0, code, err.toString());
        List<String> diffs = ExactDiff.of(baseline, tmp.resolve("smoke"));
        assertEquals(List.of(), diffs, "the code no longer produces results/ci-smoke/baseline bit for bit (" + diffs.size() + " values differ). "
                + "If the change is meant to move the numbers, commit it, run results/ci-smoke/run.sh --refresh, and commit the baseline with a "
                + "message saying why (results/ci-smoke/README.md); otherwise the change altered results it should not have");
    }

    /** The comparison sees a change of one unit in the last place of a Dice mean, of an HD95 mean, and of a detection count. */
    @Test
    void theComparisonSeesTheSmallestChange() throws Exception {
        Path b = GateTest.baseline().write(tmp, "base");
        assertEquals(List.of(), ExactDiff.of(b, GateTest.baseline().write(tmp, "same")));
        double up = Math.nextUp(0.80);
        Path c = GateTest.sweep(up, 39, GateTest.BASE_SECONDS).write(tmp, "ulp");
        // the HD95 rows' mean is inf in the fixture: a finite mean is a change too
        Files.writeString(c.resolve("summary.csv"), Files.readString(c.resolve("summary.csv"))
                .replaceFirst("dice\\+ce,2,hd95_mm,2,2,0,0,inf,", "dice+ce,2,hd95_mm,2,2,0,0,1.0E300,"));
        List<String> d = ExactDiff.of(b, c);
        assertEquals(List.of("summary.csv phantom-tiny/vnet-tiny/dice/class 1/dice: baseline mean 0.8, median 0.8, current mean " + up
                        + ", median " + up, "summary.csv phantom-tiny/vnet-tiny/dice+ce/class 2/hd95_mm: baseline mean inf, median nan, current mean 1.0E300, "
                        + "median nan"), d.subList(0, 2));
        assertEquals(3, d.size(), d.toString());
        assertTrue(d.get(2).startsWith("summary.json phantom-tiny/vnet-tiny/dice/class 2/size [3,6): baseline "), d.get(2));
        assertTrue(d.get(2).contains("\"detected\":40") && d.get(2).contains("\"detected\":39"), d.get(2));
    }

    /** {@code key=value} lines. */
    static Map<String, String> machine(List<String> lines) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String l : lines) {
            int i = l.indexOf('=');
            if (i > 0) {
                m.put(l.substring(0, i), l.substring(i + 1));
            }
        }
        return m;
    }

    /** The first {@code model name} of /proc/cpuinfo, as run.sh --refresh records it; empty where there is none. */
    static String cpuModel() throws IOException {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(info)) {
            return "";
        }
        return Files.readAllLines(info).stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse("");
    }
}
