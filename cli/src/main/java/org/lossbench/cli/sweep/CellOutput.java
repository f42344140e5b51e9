package org.lossbench.cli.sweep;

import java.util.List;
import java.util.Map;
import org.lossbench.cli.report.OverlayCapture;
import org.lossbench.eval.CaseResult;
import org.lossbench.eval.ClassSeparability;
import org.lossbench.eval.results.CellTimings;

/**
 * What a cell's run gives its files ({@link CellFiles}): the evaluation of each case, the collapse
 * diagnosis, the report's slice crops, the cell document's parts and the per-case timings.
 *
 * @param cases the evaluated cases' ids, in order
 * @param labelNames class name by label value (background left out)
 * @param provenance the cell document's {@code provenance}
 * @param device the device the model ran on
 * @param caseSeconds per case, its inference and evaluation seconds
 */
record CellOutput(Cell cell, List<String> cases, Map<String, String> labelNames, Map<String, Object> provenance, List<CaseResult> results,
                  List<ClassSeparability> separability, OverlayCapture overlays, String device, List<CellTimings.Case> caseSeconds) {
}
