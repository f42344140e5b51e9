package org.lossbench.eval;

import java.util.List;
import org.lossbench.eval.lesion.LesionRow;

/** The results of one case: one row per class, and the lesion table. */
public record CaseResult(String caseId, List<ClassResult> classes, List<LesionRow> lesions) {
    public CaseResult {
        classes = List.copyOf(classes);
        lesions = List.copyOf(lesions);
    }
}
