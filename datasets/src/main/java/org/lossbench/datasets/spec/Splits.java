package org.lossbench.datasets.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Case ids per split: a fixed train/val/test division, k cross-validation folds (each fold lists
 * its validation cases), or both.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Splits(List<String> train, List<String> val, List<String> test, List<List<String>> folds) {
    public Splits {
        train = train == null ? List.of() : List.copyOf(train);
        val = val == null ? List.of() : List.copyOf(val);
        test = test == null ? List.of() : List.copyOf(test);
        folds = folds == null ? List.of() : folds.stream().map(List::copyOf).toList();
    }

    public static Splits none() {
        return new Splits(null, null, null, null);
    }
}
