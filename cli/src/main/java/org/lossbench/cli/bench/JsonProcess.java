package org.lossbench.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lossbench.core.io.Json;

/**
 * Runs one side of a benchmark as a process of its own (a Python peer, or lossbench's own worker JVM)
 * and reads the JSON object it prints as its last line on stdout; its stderr goes to ours. A process of
 * its own gives each side a peak resident set ({@code VmHWM}) that nothing else in the run has touched.
 */
final class JsonProcess {
    private JsonProcess() {
    }

    /** Runs {@code command}; {@code what} names it in errors (timeout, non-zero exit). */
    static JsonNode run(List<String> command, String what, long timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(what + " timed out after " + timeoutSeconds + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(what + " exited with " + p.exitValue());
        }
        String[] lines = new String(out, StandardCharsets.UTF_8).strip().split("\n");
        return Json.mapper().readTree(lines[lines.length - 1]);
    }

    /** A JSON array of numbers a process printed (its timings), as doubles. */
    static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).asDouble();
        }
        return v;
    }
}
