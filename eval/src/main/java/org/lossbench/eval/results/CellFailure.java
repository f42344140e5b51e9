package org.lossbench.eval.results;

/** A failed cell's {@code failed.json}: its key, why it failed, and the exit code the failure maps to. */
public record CellFailure(String key, String reason, int exitCode) {
}
