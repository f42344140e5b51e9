package org.lossbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bad option value stops the command while picocli parses it, before anything is read or written: exit 2
 * and one line on stderr that names the option (the converters' errors), the same for every command that
 * shares the option; picocli's own parse errors keep its message and the usage help.
 */
class OptionErrorsTest {
    @TempDir
    Path tmp;

    @Test
    void theSharedOptionsFailTheSameWayInEveryCommand() {
        String out = tmp.resolve("never").toString();
        for (List<String> cmd : List.of(
                List.of("train", "--dataset", "phantom-tiny", "--model", "vnet-tiny", "--loss", "dice", "--out", out),
                List.of("infer", "--model", "m.onnx", "--input", "in", "--out", out),
                List.of("sweep", "--out", out))) {
            assertError(cmd, List.of("--threads", "-1"), "--threads must be >= 0 (0 = ONNX Runtime's default), got -1");
            assertError(cmd, List.of("--device", "gpu"), "unknown device 'gpu': use auto, cpu, cuda or cuda:N (N = GPU index, 0 first)");
        }
        assertError(List.of("train", "--dataset", "phantom-tiny", "--model", "vnet-tiny", "--loss", "dice", "--out", out),
                List.of("--patch", "16,16"), "--patch must be three positive sizes D,H,W (or one for a cube), got '16,16'");
        assertError(List.of("sweep", "--out", out), List.of("--roi", "0"), "--roi must be three positive sizes D,H,W (or one for a cube), got '0'");
        assertError(List.of("sweep", "--out", out), List.of("--jobs", "0"), "--jobs must be auto or >= 1, got 0");
        assertError(List.of("sweep", "--out", out), List.of("--jobs", "two"), "--jobs must be auto or an integer >= 1, got 'two'");
        for (List<String> cmd : List.of(List.of("evaluate", "--ref", "r", "--pred", "p", "--out", out), List.of("datasets", "verify", "x"),
                List.of("datasets", "generate", "phantom-tiny", "--out", out))) {
            assertError(cmd, List.of("--threads", "0"), "--threads must be >= 1, got 0");
        }
        assertError(List.of("train", "--dataset", "phantom-tiny", "--loss", "dice", "--out", out), List.of("--model", "unet"),
                "unknown architecture 'unet'; known: vnet, vnet-lite, vnet-tiny");
        assertError(List.of("losses", "eval", "--logits", "l.npy", "--labels", "y.npy"), List.of("--loss", "dice:"),
                "bad loss spec: 'dice:': nothing after ':'; write key=value pairs such as gamma=2, or leave out the ':'");
    }

    @Test
    void picocliOwnErrorsStayPicocli() {
        CliRun r = CliRun.of("train", "--dataset", "phantom-tiny", "--model", "vnet-tiny", "--loss", "dice", "--out", tmp.toString(),
                "--steps", "many");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("Invalid value for option '--steps': 'many' is not a long") && r.err().contains("Usage: lossbench train"),
                r.err());
    }

    private static void assertError(List<String> command, List<String> option, String message) {
        String[] args = java.util.stream.Stream.concat(command.stream(), option.stream()).toArray(String[]::new);
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exitCode(), String.join(" ", args) + ": " + r.err());
        assertEquals("lossbench: error: " + message, r.err().strip(), String.join(" ", args));
    }
}
