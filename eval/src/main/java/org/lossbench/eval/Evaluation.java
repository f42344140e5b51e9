package org.lossbench.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.core.io.nifti.NiftiReader;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates many cases in parallel (cases, and the classes of each case, in one fork-join pool of
 * {@code threads} workers) and aggregates them. A class missing from both maps of a case but
 * present elsewhere gets its "both empty" row, so every case has a row for every class.
 */
public final class Evaluation {
    private static final Logger LOG = LoggerFactory.getLogger(Evaluation.class);

    /** All results, cases in case-id order. */
    public record Results(List<CaseResult> cases, Aggregation aggregation) {
    }

    private Evaluation() {
    }

    /** Reads, evaluates and aggregates {@code pairs}; the bootstrap is seeded with {@code seed}. */
    public static Results run(List<CasePairs.Pair> pairs, EvalConfig config, int threads, long seed) {
        return run(pairs, config, threads, seed, () -> { });
    }

    /** As {@link #run(List, EvalConfig, int, long)}, calling {@code caseDone} (from worker threads) after each case. */
    public static Results run(List<CasePairs.Pair> pairs, EvalConfig config, int threads, long seed, Runnable caseDone) {
        CaseEvaluator evaluator = new CaseEvaluator(config);
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            List<CaseResult> cases = pool.submit(() -> pairs.parallelStream().map(p -> {
                LabelMap ref = NiftiReader.readLabels(p.ref());
                LabelMap pred = NiftiReader.readLabels(p.pred());
                long t0 = System.nanoTime();
                CaseResult r = evaluator.evaluate(p.caseId(), ref, pred, p.ref().toString(), p.pred().toString());
                LOG.debug("case {}: {} classes, {} lesion rows, {} ms", p.caseId(), r.classes().size(), r.lesions().size(),
                        (System.nanoTime() - t0) / 1_000_000);
                caseDone.run();
                return r;
            }).toList()).get();
            List<CaseResult> filled = fillAbsentClasses(cases, evaluator, pairs);
            return new Results(filled, Aggregation.of(filled, config.sizeBins(), seed));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LossbenchException(ExitCode.INTERNAL, "evaluation interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new LossbenchException(ExitCode.INTERNAL, "evaluation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** Adds the both-empty row of every class seen in some case to the cases that lack it. */
    private static List<CaseResult> fillAbsentClasses(List<CaseResult> cases, CaseEvaluator evaluator, List<CasePairs.Pair> pairs) {
        Set<Integer> all = new TreeSet<>();
        cases.forEach(c -> c.classes().forEach(r -> all.add(r.label())));
        List<CaseResult> out = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            CaseResult c = cases.get(i);
            Set<Integer> have = new TreeSet<>();
            c.classes().forEach(r -> have.add(r.label()));
            if (have.containsAll(all)) {
                out.add(c);
                continue;
            }
            Grid g = NiftiReader.readHeader(pairs.get(i).ref()).grid();
            List<ClassResult> rows = new ArrayList<>(c.classes());
            for (int l : all) {
                if (!have.contains(l)) {
                    rows.add(evaluator.absentClass(c.caseId(), l, g));
                }
            }
            rows.sort(Comparator.comparingInt(ClassResult::label));
            out.add(new CaseResult(c.caseId(), rows, c.lesions()));
        }
        return out;
    }
}
