package org.lossbench.cli;

import java.nio.file.Path;
import java.util.List;
import org.lossbench.cli.bench.PythonPeer;
import picocli.CommandLine.Option;

/** {@code --python} of the {@code bench} commands: the interpreter that runs their {@code tools/} peer script. */
final class PythonPeerOption {
    @Option(names = "--python", description = "interpreter with the peer's packages: Debian's python3 with nibabel, python3-torch "
            + "(default: ${DEFAULT-VALUE})", defaultValue = "/usr/bin/python3")
    Path python;

    /** The peer {@code tools/<script>} run by that interpreter, which must import {@code modules}. */
    PythonPeer peer(String script, String... modules) {
        return new PythonPeer(python, BenchCommand.toolsDir().resolve(script), List.of(modules));
    }
}
