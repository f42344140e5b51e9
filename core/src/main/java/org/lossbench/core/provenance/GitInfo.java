package org.lossbench.core.provenance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The git commit of the lossbench checkout a run comes from, for provenance. A working tree with
 * uncommitted changes to tracked files is reported as {@code <sha>-dirty}; outside a git checkout,
 * or without a {@code git} executable, the commit is {@code unknown}.
 */
public final class GitInfo {
    private GitInfo() {
    }

    /** The commit of the repository that contains {@code start}, or {@code unknown}. */
    public static String commit(Path start) {
        Path root = findRoot(start);
        if (root == null) {
            return "unknown";
        }
        String sha = run(root, List.of("git", "rev-parse", "HEAD"));
        if (sha == null || sha.isBlank()) {
            return "unknown";
        }
        String status = run(root, List.of("git", "status", "--porcelain", "--untracked-files=no"));
        return status == null || status.isBlank() ? sha.strip() : sha.strip() + "-dirty";
    }

    /** The commit of the checkout that holds the running lossbench classes, or {@code unknown}. */
    public static String commitOfInstallation() {
        try {
            Path here = Path.of(GitInfo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return commit(here);
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static Path findRoot(Path start) {
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                return p;
            }
        }
        return null;
    }

    private static String run(Path dir, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            process.getErrorStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return null;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
