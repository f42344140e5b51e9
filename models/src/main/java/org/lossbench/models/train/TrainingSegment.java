package org.lossbench.models.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One process's share of a training run: the steps it trained ({@code fromStep} exclusive, {@code toStep}
 * inclusive, so a run of {@code T} steps interrupted once is {@code [0, s], [s, T]}), the wall time it spent
 * on them, and the git commit of the checkout it ran from. A run carries its segments in its checkpoint
 * ({@link Checkpoint}) and its model card ({@link TrainingCard}): {@code resumes = segments - 1}.
 *
 * <p>Unrecorded values are null: a checkpoint of format version 1 carried no history, so a run resumed
 * from one starts with a segment {@code [0, step]} whose time and commit are unknown.
 *
 * @param wallSeconds the wall time from the process's start of training to the checkpoint that ended the
 *                    segment (steps, waiting for batches, validation, checkpoints); time after the last
 *                    checkpoint of a killed process is lost with the steps it would have kept
 * @param gitCommit the commit of the checkout, without the {@code -dirty} suffix of
 *                  {@link org.lossbench.core.provenance.Provenance#gitCommit()} ({@code unknown} outside git)
 * @param gitDirty whether tracked files of that checkout had uncommitted changes (null when unknown)
 */
public record TrainingSegment(@JsonProperty("from_step") long fromStep, @JsonProperty("to_step") long toStep,
                              @JsonProperty("wall_seconds") Double wallSeconds, @JsonProperty("git_commit") String gitCommit,
                              @JsonProperty("git_dirty") Boolean gitDirty) {
    private static final String DIRTY = "-dirty";

    public TrainingSegment {
        if (fromStep < 0 || toStep < fromStep) {
            throw new IllegalArgumentException("a training segment runs from a step to a later one, got " + fromStep + " to " + toStep);
        }
    }

    /**
     * A segment of this process.
     *
     * @param provenanceCommit the commit as {@code Provenance.gitCommit()} gives it: {@code <sha>}, {@code <sha>-dirty} or {@code unknown}
     */
    public static TrainingSegment of(long fromStep, long toStep, double wallSeconds, String provenanceCommit) {
        boolean dirty = provenanceCommit.endsWith(DIRTY);
        String sha = dirty ? provenanceCommit.substring(0, provenanceCommit.length() - DIRTY.length()) : provenanceCommit;
        return new TrainingSegment(fromStep, toStep, wallSeconds, sha, "unknown".equals(sha) ? null : dirty);
    }

    /** Steps {@code [0, step]} of a run whose history was not recorded (a version-1 checkpoint). */
    public static TrainingSegment unrecorded(long step) {
        return new TrainingSegment(0, step, null, null, null);
    }

    /** The sum of the segments' wall times; null when a segment's time was not recorded. */
    public static Double totalWallSeconds(List<TrainingSegment> segments) {
        double sum = 0;
        for (TrainingSegment s : segments) {
            if (s.wallSeconds() == null) {
                return null;
            }
            sum += s.wallSeconds();
        }
        return sum;
    }
}
