package org.lossbench.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimeSplitTest {
    @Test
    void overheadIsTheCommandTimeLessTheCells() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("dataset_load_s", 2.0);
        s.put("model_load_s", 4.0);
        s.put("inference_s", 40.0);
        s.put("evaluation_s", 3.0);
        s.put("write_s", 0.5);
        s.put("total_s", 50.0);
        SweepRunner.Report r = new SweepRunner.Report(8, 0, 0, 0, s, 50.5, java.util.List.of(), 1);
        // 52 s in the command, 50 s in the cells: 2 s overhead = 3.8% of 52
        assertEquals("sweep x: 8 cells in 52.0 s: dataset loading 2.0 s, model loading 4.0 s, inference 40.0 s, evaluation 3.0 s, "
                + "writing 0.5 s, runner overhead 2.00 s (3.8%)", TimeSplit.line("x", r, 52.0));
    }

    @Test
    void withSeveralJobsTheLineGivesTheBusyShareInsteadOfAnOverhead() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("inference_s", 50.0);
        s.put("evaluation_s", 6.0);
        s.put("total_s", 60.0);
        SweepRunner.Report r = new SweepRunner.Report(8, 0, 0, 0, s, 33.0, java.util.List.of(), 2);
        // 60 cell-seconds over 2 jobs x 40 s of wall time: busy 75%
        assertEquals("sweep x: 8 cells in 40.0 s, 2 at a time: cell time summed over the cells 60.0 s (inference 50.0 s, "
                + "evaluation 6.0 s), the jobs busy 75.0% of the time", TimeSplit.line("x", r, 40.0));
    }
}
