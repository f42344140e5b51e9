package org.lossbench.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a peer implementation (a {@code tools/*.py} script under Debian's Python with numpy, scipy,
 * nibabel or torch) in the same benchmark run, so that lossbench's figures are reported as ratios
 * against it. The peer is optional: where the interpreter or script is missing, the benchmark says
 * so and reports lossbench alone.
 */
public final class PythonPeer {
    private final Path python;
    private final Path script;

    public PythonPeer(Path python, Path script) {
        this.python = python;
        this.script = script;
    }

    /** Why the peer cannot run, or empty when it can. */
    public Optional<String> unavailableReason() {
        if (!Files.isExecutable(python)) {
            return Optional.of("no Python interpreter at " + python + " (install Debian's python3 with the peer's packages)");
        }
        if (!Files.isRegularFile(script)) {
            return Optional.of("no peer script at " + script);
        }
        return Optional.empty();
    }

    /** Runs the script with {@code args} and parses the JSON object it prints last on stdout. */
    public JsonNode run(List<String> args, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(python.toString());
        command.add(script.toString());
        command.addAll(args);
        return JsonProcess.run(command, "peer " + script, timeoutSeconds);
    }
}
