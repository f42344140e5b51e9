package org.lossbench.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a peer implementation (a {@code tools/*.py} script under Debian's Python with numpy, scipy,
 * nibabel or torch) in the same benchmark run, so that lossbench's figures are reported as ratios
 * against it. The peer is optional: where the interpreter, the script or one of the modules it needs is
 * missing, the benchmark says so and reports lossbench alone.
 */
public final class PythonPeer {
    /** How long importing the modules may take (PyTorch's first import reads a few hundred MB). */
    private static final long IMPORT_TIMEOUT_S = 300;
    private final Path python;
    private final Path script;
    private final List<String> modules;

    /** @param modules the Python modules the script imports ({@code numpy}, {@code torch}...), checked before it runs */
    public PythonPeer(Path python, Path script, List<String> modules) {
        this.python = python;
        this.script = script;
        this.modules = List.copyOf(modules);
    }

    /** Why the peer cannot run, or empty when it can. */
    public Optional<String> unavailableReason() {
        if (!Files.isExecutable(python)) {
            return Optional.of("no Python interpreter at " + python + " (install Debian's python3 with the peer's packages)");
        }
        if (!Files.isRegularFile(script)) {
            return Optional.of("no peer script at " + script);
        }
        return missingModule();
    }

    /** Why {@code python -c "import m1, m2..."} fails (the last line of its stderr), or empty when it does not. */
    private Optional<String> missingModule() {
        if (modules.isEmpty()) {
            return Optional.empty();
        }
        String imports = String.join(", ", modules);
        try {
            Process p = new ProcessBuilder(python.toString(), "-c", "import " + imports).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(IMPORT_TIMEOUT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of(python + " did not import " + imports + " within " + IMPORT_TIMEOUT_S + " s");
            }
            if (p.exitValue() == 0) {
                return Optional.empty();
            }
            String last = said.isEmpty() ? "exit " + p.exitValue() : said.substring(said.lastIndexOf('\n') + 1);
            return Optional.of(python + " cannot import " + imports + " (" + last + "); install Debian's "
                    + String.join(", ", modules.stream().map(m -> "python3-" + m).toList()) + " or name another interpreter with --python");
        } catch (IOException e) {
            return Optional.of(python + " cannot be run (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking that " + python + " imports " + imports);
        }
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
