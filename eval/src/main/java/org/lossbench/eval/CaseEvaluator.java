package org.lossbench.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.lossbench.core.BadInputException;
import org.lossbench.core.volume.Affine;
import org.lossbench.core.volume.Grid;
import org.lossbench.core.volume.LabelMap;
import org.lossbench.eval.lesion.Components;
import org.lossbench.eval.lesion.LesionRow;
import org.lossbench.eval.lesion.Matching;
import org.lossbench.eval.lesion.Overlaps;
import org.lossbench.eval.lesion.SizeBins;
import org.lossbench.eval.surface.Box;
import org.lossbench.eval.surface.Chunks;
import org.lossbench.eval.surface.PairMask;
import org.lossbench.eval.surface.SurfaceDistances;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates one reference/prediction pair: one pass for the voxel counts and bounding boxes of all
 * labels ({@link LabelScan}), then every class in the calling fork-join pool (classes with small boxes
 * side by side, large ones one at a time with their work split over the pool): overlap metrics,
 * surface distances inside the bounding box of both masks grown by one voxel, and the lesion table.
 * See docs/metrics.md for every definition.
 */
public final class CaseEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(CaseEvaluator.class);
    /** HD95's percentile. */
    static final double HD_PERCENTILE = 95;

    private final EvalConfig config;

    public CaseEvaluator(EvalConfig config) {
        this.config = config;
    }

    /** Evaluates {@code pred} against {@code ref}; {@code refName}/{@code predName} name them in errors. */
    public CaseResult evaluate(String caseId, LabelMap ref, LabelMap pred, String refName, String predName) {
        Grid g = ref.grid();
        String mismatch = g.describeMismatch(pred.grid(), config.gridToleranceMm());
        if (!mismatch.isEmpty()) {
            throw new BadInputException("case " + caseId + ": reference " + refName + " and prediction " + predName
                    + " are not on the same grid: " + mismatch + "; resample the prediction onto the reference grid");
        }
        LabelScan scan = LabelScan.of(ref, pred, caseId);
        List<Integer> labels = labelsToEvaluate(caseId, scan, refName, predName);
        // Classes whose box exceeds volume / parallelism run one after the other, each split over the
        // pool; the others run side by side. Either way the boxes in flight add up to at most one
        // volume: the mask scratch stays near 1 byte per voxel.
        long large = Math.max(1, g.voxelCount() / Chunks.parallelism());
        Map<Integer, Outcome> byLabel = new ConcurrentHashMap<>();
        labels.parallelStream().filter(l -> boxVoxels(scan, l, g) <= large)
                .forEach(l -> byLabel.put(l, evaluateClass(caseId, ref, pred, scan, l, false, large)));
        labels.stream().filter(l -> boxVoxels(scan, l, g) > large)
                .forEach(l -> byLabel.put(l, evaluateClass(caseId, ref, pred, scan, l, true, large)));
        List<ClassResult> classes = new ArrayList<>();
        List<LesionRow> lesions = new ArrayList<>();
        for (int l : labels) {
            Outcome o = byLabel.get(l);
            classes.add(o.result);
            lesions.addAll(o.lesions);
        }
        return new CaseResult(caseId, classes, lesions);
    }

    private List<Integer> labelsToEvaluate(String caseId, LabelScan scan, String refName, String predName) {
        Set<Integer> present = new TreeSet<>(scan.refLabels());
        present.addAll(scan.predLabels());
        if (config.labels() == null) {
            return List.copyOf(present);
        }
        for (int l : scan.refLabels()) {
            if (!config.labels().contains(l)) {
                throw new BadInputException("case " + caseId + ": reference " + refName + " holds label " + l
                        + ", which is not in --labels " + config.labels() + "; add it or fix the file");
            }
        }
        for (int l : scan.predLabels()) {
            if (!config.labels().contains(l)) {
                throw new BadInputException("case " + caseId + ": prediction " + predName + " holds label " + l
                        + ", which is not in --labels " + config.labels() + "; add it or fix the file");
            }
        }
        return config.labels().stream().distinct().sorted().toList();
    }

    private record Outcome(ClassResult result, List<LesionRow> lesions) {
    }

    /** Voxels of the box a class's surface distances work in (0 when absent from both maps). */
    private static long boxVoxels(LabelScan scan, int label, Grid g) {
        Box b = Box.unionOf(scan.refBox(label), scan.predBox(label));
        return b == null ? 0 : b.grow(1, g).voxels();
    }

    /** The result for a class absent from both maps of a case (all counts 0). */
    public ClassResult absentClass(String caseId, int label, Grid grid) {
        Surface none = surface(grid, label, 0, 0, null, null, false);
        return classResult(caseId, label, grid, 0, 0, 0, none, lesionCounts(0, 0, 0, 0, 0, grid.diagonalMm()));
    }

    /**
     * One class; {@code parallel} splits its large boxes over the pool. Lesion pairs whose box holds
     * more than {@code large} voxels are split too.
     */
    private Outcome evaluateClass(String caseId, LabelMap ref, LabelMap pred, LabelScan scan, int label,
                                  boolean parallel, long large) {
        long t0 = System.nanoTime();
        Outcome o = evaluateClassTimed(caseId, ref, pred, scan, label, parallel, large);
        LOG.debug("case {} class {}: {} ms", caseId, label, (System.nanoTime() - t0) / 1_000_000);
        return o;
    }

    private Outcome evaluateClassTimed(String caseId, LabelMap ref, LabelMap pred, LabelScan scan, int label,
                                       boolean parallel, long large) {
        Grid g = ref.grid();
        Box refBox = scan.refBox(label);
        Box predBox = scan.predBox(label);
        long nRef = scan.refVoxels(label);
        long nPred = scan.predVoxels(label);
        Box both = Box.unionOf(refBox, predBox);
        Surface surface = surface(g, label, nRef, nPred, both == null ? null : both.grow(1, g),
                box -> PairMask.ofLabel(ref, pred, label, box, parallel), parallel);
        List<LesionRow> rows = new ArrayList<>();
        Components rc = Components.of(ref, label, refBox, config.connectivity());
        Components pc = Components.of(pred, label, predBox, config.connectivity());
        ClassResult.LesionCounts lesions = lesions(caseId, label, g, rc, pc, rows, surface.hd95(), large);
        return new Outcome(classResult(caseId, label, g, scan.bothVoxels(label), nRef, nPred, surface, lesions), rows);
    }

    @FunctionalInterface
    private interface PairMaskSource {
        PairMask build(Box box);
    }

    /** The surface metrics of a class, and the NSD tolerance they used. */
    private record Surface(double hd, double hd95, double assd, double nsd, double toleranceMm) {
    }

    /** Surface metrics from the masks in {@code box}, or the empty-case policy's values. */
    private Surface surface(Grid g, int label, long nRef, long nPred, Box box, PairMaskSource source, boolean parallel) {
        EmptyPolicy policy = config.emptyPolicy();
        double tol = config.tolerances().forClass(label);
        boolean refEmpty = nRef == 0;
        boolean predEmpty = nPred == 0;
        if (refEmpty || predEmpty) {
            double d = policy.distanceWhenEmpty(refEmpty, predEmpty, g.diagonalMm());
            return new Surface(d, d, d, policy.surfaceDiceWhenEmpty(refEmpty, predEmpty), tol);
        }
        SurfaceDistances sd = SurfaceDistances.of(source.build(box), g.spacing(), parallel);
        return new Surface(sd.hausdorff(), sd.hausdorffPercentile(HD_PERCENTILE), sd.averageSymmetric(), sd.surfaceDice(tol), tol);
    }

    /** Overlap and volume metrics from the counts, with the surface and lesion results. */
    private ClassResult classResult(String caseId, int label, Grid g, long tp, long nRef, long nPred, Surface surface,
                                    ClassResult.LesionCounts lesions) {
        EmptyPolicy policy = config.emptyPolicy();
        boolean refEmpty = nRef == 0;
        boolean predEmpty = nPred == 0;
        boolean bothEmpty = refEmpty && predEmpty;
        double dice;
        double iou;
        if (refEmpty || predEmpty) {
            dice = policy.overlapWhenEmpty(refEmpty, predEmpty);
            iou = dice;
        } else {
            dice = 2.0 * tp / (nRef + nPred);
            iou = tp / (double) (nRef + nPred - tp);
        }
        double precision = predEmpty ? policy.undefinedRatio(bothEmpty) : tp / (double) nPred;
        double recall = refEmpty ? policy.undefinedRatio(bothEmpty) : tp / (double) nRef;
        double rve = refEmpty ? (bothEmpty && policy == EmptyPolicy.WORST ? 0.0 : Double.NaN) : (nPred - nRef) / (double) nRef;
        double vv = g.voxelVolume();
        return new ClassResult(caseId, label, tp, nPred - tp, nRef - tp, nRef, nPred, dice, iou, precision, recall,
                nRef * vv, nPred * vv, rve, surface.hd(), surface.hd95(), surface.assd(), surface.nsd(),
                surface.toleranceMm(), lesions);
    }

    /**
     * Lesion table rows and counts. {@code classHd95} is the class's HD95: when each map holds a
     * single component, the matched pair is the whole class and its HD95 is that value.
     */
    private ClassResult.LesionCounts lesions(String caseId, int label, Grid g, Components rc, Components pc,
                                             List<LesionRow> rows, double classHd95, long large) {
        int nr = rc.count();
        int np = pc.count();
        long[] rv = new long[nr];
        long[] pv = new long[np];
        for (int i = 0; i < nr; i++) {
            rv[i] = rc.voxels(i);
        }
        for (int j = 0; j < np; j++) {
            pv[j] = pc.voxels(j);
        }
        Overlaps ov = Components.overlaps(rc, pc);
        Matching.Result m = config.matching().match(nr, np, rv, pv, ov);
        double diag = g.diagonalMm();
        double sumDice = 0;
        double sumHd95 = 0;
        int tp = 0;
        for (int i = 0; i < nr; i++) {
            int j = m.refToPred()[i];
            long overlap = j < 0 ? 0 : ov.get(i, j);
            double dice = j < 0 ? 0.0 : 2.0 * overlap / (rv[i] + pv[j]);
            double hd95 = j < 0 ? Double.NaN : nr == 1 && np == 1 ? classHd95 : pairHd95(rc, i, pc, j, g, large);
            if (j >= 0) {
                tp++;
                sumDice += dice;
                sumHd95 += hd95;
            }
            rows.add(row(caseId, label, "ref", rc, i, j + 1, overlap, dice, hd95));
        }
        for (int j = 0; j < np; j++) {
            if (m.predToRef()[j] < 0) {
                rows.add(row(caseId, label, "pred", pc, j, 0, 0, 0.0, Double.NaN));
            }
        }
        return lesionCounts(nr, np, tp, sumDice, sumHd95, diag);
    }

    /**
     * Lesion counts and scores of a class: {@code tp} matched pairs among {@code nr} reference and
     * {@code np} predicted lesions, with the sums of the matched pairs' Dice and HD95.
     */
    private ClassResult.LesionCounts lesionCounts(int nr, int np, int tp, double sumDice, double sumHd95, double diag) {
        EmptyPolicy policy = config.emptyPolicy();
        int fn = nr - tp;
        int fp = np - tp; // the matching is one to one
        boolean refNone = nr == 0;
        boolean predNone = np == 0;
        int all = tp + fn + fp;
        double precision = predNone ? policy.undefinedRatio(refNone) : tp / (double) np;
        double recall = refNone ? policy.undefinedRatio(predNone) : tp / (double) nr;
        double f1 = refNone || predNone ? policy.overlapWhenEmpty(refNone, predNone) : 2.0 * tp / (2.0 * tp + fp + fn);
        double lwDice = refNone || predNone ? policy.overlapWhenEmpty(refNone, predNone) : sumDice / all;
        double lwHd95 = all == 0 ? policy.distanceWhenEmpty(true, true, diag) : (sumHd95 + (fn + fp) * diag) / all;
        return new ClassResult.LesionCounts(nr, np, tp, fn, fp, precision, recall, f1, lwDice, lwHd95);
    }

    private double pairHd95(Components rc, int i, Components pc, int j, Grid g, long large) {
        Box box = rc.box(i).union(pc.box(j)).grow(1, g);
        boolean parallel = box.voxels() > large;
        PairMask mask = PairMask.empty(box);
        rc.forEachRun(i, (z, y, x0, x1) -> mask.setRun(PairMask.A, z, y, x0, x1));
        pc.forEachRun(j, (z, y, x0, x1) -> mask.setRun(PairMask.B, z, y, x0, x1));
        mask.findEdges(parallel);
        return SurfaceDistances.of(mask, g.spacing(), parallel).hausdorffPercentile(HD_PERCENTILE);
    }

    private LesionRow row(String caseId, int label, String source, Components c, int k, int matchedId,
                          long overlap, double dice, double hd95) {
        Grid g = c.grid();
        Box b = c.box(k);
        double vol = c.voxels(k) * g.voxelVolume();
        double diameter = SizeBins.equivalentDiameter(vol);
        double[] czyx = c.centroid(k);
        double[] ijk = {czyx[2], czyx[1], czyx[0]};
        Affine a = g.affine();
        double[] mm = a.apply(ijk[0], ijk[1], ijk[2]);
        int[] first = {b.x0(), b.y0(), b.z0()};
        int[] last = {b.x1(), b.y1(), b.z1()};
        double[] extent = {b.width() * g.spacingX(), b.height() * g.spacingY(), b.depth() * g.spacingZ()};
        return new LesionRow(caseId, label, source, k + 1, c.voxels(k), vol, diameter, first, last, extent,
                ijk, mm, matchedId, overlap, dice, hd95, config.sizeBins().name(config.sizeBins().binOf(diameter)));
    }
}
