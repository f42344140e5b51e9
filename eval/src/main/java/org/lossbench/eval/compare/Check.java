package org.lossbench.eval.compare;

import org.lossbench.eval.compare.Keys.BinKey;
import org.lossbench.eval.compare.Keys.ClassKey;
import org.lossbench.eval.compare.Keys.Triple;
import org.lossbench.eval.compare.SweepFolder.BinRecall;

/**
 * One checked metric of the gate: a JUnit test case, a row of the Markdown diff.
 * {@link #name()} is its path, {@code dataset/model/loss/...}.
 */
public sealed interface Check {
    String name();

    Status status();

    /** Why: the values and the rule (also the JUnit failure or skip message). */
    String message();

    /** JUnit class name: {@code lossbench.compare.<kind>}. */
    String kind();

    /**
     * Whether an {@link Status#IMPROVEMENT} of this check fails the gate unless improvements are allowed: true
     * for quality checks (the baseline no longer describes the code), false for timing (a speedup says as much
     * about the machine and its load as about the code).
     */
    default boolean improvementNeedsApproval() {
        return true;
    }

    /** The cells of a (dataset, model, loss): all must have finished in the current sweep. */
    record Cells(Triple triple, int baselineCells, int currentCells, int currentFailed, Status status, String message) implements Check {
        @Override
        public String name() {
            return triple + "/cells";
        }

        @Override
        public String kind() {
            return "cells";
        }
    }

    /**
     * A per-class metric (mean Dice, mean NSD, median HD95; NaN: undefined, or absent from that sweep).
     *
     * @param threshold the change (absolute, or in mm for HD95) beyond which the value counts as moved
     */
    record Metric(ClassMetric metric, ClassKey key, String className, double baseline, double current, double threshold, Status status,
                  String message) implements Check {
        @Override
        public String name() {
            return key.triple() + "/" + className + "/" + metric.checkName();
        }

        @Override
        public String kind() {
            return metric.kind();
        }
    }

    /** The lesion detection recall of a class and size bin (null: absent from that sweep). */
    record Recall(BinKey key, String className, BinRecall baseline, BinRecall current, Status status, String message) implements Check {
        @Override
        public String name() {
            return key.triple() + "/" + className + "/size " + key.bin() + " mm/detection_recall";
        }

        @Override
        public String kind() {
            return "recall";
        }
    }

    /** The per-case inference seconds of a triple, or of a (dataset, model) when timing pools the losses (null: no samples). */
    record Timing(Triple triple, TimingRule.Stats baseline, TimingRule.Stats current, Status status, String message) implements Check {
        @Override
        public String name() {
            return triple + "/inference_s_median";
        }

        @Override
        public String kind() {
            return "timing";
        }

        @Override
        public boolean improvementNeedsApproval() {
            return false;
        }
    }
}
