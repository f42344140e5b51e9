package org.lossbench.cli.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lossbench.core.LossbenchException;
import org.lossbench.models.zoo.ModelZoo;
import org.lossbench.models.zoo.ZooProtocol;

/**
 * The resolved grid of a spec ({@link SweepSpec#resolved}): its datasets, models, losses and seeds with the defaults of
 * its mode filled in (zoo mode: {@link ZooGrid}, and the zoo's folder), checked against the mode.
 *
 * @param zooDir the zoo's folder, zoo mode only
 */
record SweepGrid(List<String> datasets, List<String> models, List<String> losses, List<Long> seeds, String zooDir) {

    /**
     * The grid of {@code spec} in mode {@code m} with the external models {@code ext}: by default the mode's model, the
     * zoo's datasets, losses and seeds (zoo mode: its protocol's when it has one, {@link ZooProtocolGrid}), else
     * {@code phantom-tiny}, the mapped losses (external mode) and seed 0.
     */
    static SweepGrid of(SweepSpec spec, SweepMode m, Map<String, String> ext) {
        List<String> ms = spec.models() == null || spec.models().isEmpty() ? List.of(m.defaultModel()) : spec.models();
        List<String> ds = spec.datasets();
        List<String> ls = spec.losses();
        List<Long> ss = spec.seeds();
        String zooDir = null;
        if (m == SweepMode.ZOO) {
            ModelZoo z = zoo(spec.zoo());
            zooDir = z.dir().toString();
            Optional<ZooProtocol> p = ZooProtocol.in(z.dir());
            if (p.isPresent()) {
                ms = ZooProtocolGrid.models(p.get(), spec.models());
                ds = ZooProtocolGrid.datasets(p.get(), ds);
                ls = ZooProtocolGrid.losses(p.get(), ls);
                ss = ZooProtocolGrid.seeds(p.get(), ss);
                ZooProtocolGrid.check(p.get(), z, ds, ms, ls, ss);
            }
            ds = ds == null || ds.isEmpty() ? ZooGrid.datasets(z, ms) : ds;
            ls = ZooGrid.losses(z, ds, ms, ls);
            ss = ZooGrid.seeds(z, ds, ms, ls, ss);
        }
        if (ds == null || ds.isEmpty()) {
            ds = List.of("phantom-tiny");
        }
        if ((ls == null || ls.isEmpty()) && m == SweepMode.EXTERNAL) {
            ls = new ArrayList<>(ext.keySet());
        }
        if (ls == null || ls.isEmpty()) {
            throw SweepSpec.usage("no losses: give --losses (or, in external mode, --external LOSS=FILE.onnx)");
        }
        return new SweepGrid(ds, ms, ls, ss == null || ss.isEmpty() ? List.of(0L) : ss, zooDir);
    }

    private static ModelZoo zoo(String dir) {
        Path zd;
        try {
            zd = ModelZoo.locate(dir == null ? null : Path.of(dir));
        } catch (LossbenchException e) {
            throw SweepSpec.usage(e.getMessage() + "; or train every cell with --train, or bring models with --mode external --external LOSS=FILE.onnx");
        }
        return ModelZoo.read(zd);
    }

    /**
     * External mode: every loss has a model, every model a loss among the losses, one model name and one seed (fixed model
     * files would only repeat the same cells); the other modes take no external models.
     */
    void checkMode(SweepMode m, Map<String, String> ext) {
        if (m != SweepMode.EXTERNAL) {
            if (!ext.isEmpty()) {
                throw SweepSpec.usage("external models are given but the mode is train; use --mode external");
            }
            return;
        }
        if (ext.isEmpty()) {
            throw SweepSpec.usage("external mode needs a mapping loss -> ONNX file (--external LOSS=FILE.onnx, or \"external\" in the spec)");
        }
        for (String l : losses) {
            if (!ext.containsKey(l)) {
                throw SweepSpec.usage("external mode: loss '" + l + "' has no model; add --external " + l + "=FILE.onnx");
            }
        }
        for (String l : ext.keySet()) {
            if (!losses.contains(l)) {
                throw SweepSpec.usage("external mode: model given for loss '" + l + "', which is not among the losses " + losses);
            }
        }
        if (models.size() != 1) {
            throw SweepSpec.usage("external mode takes one model name (a label for the mapped files), got " + models);
        }
        if (seeds.size() != 1) {
            throw SweepSpec.usage("external mode runs fixed model files, so seeds would only repeat the same cells (and inflate the paired "
                    + "tests); give one seed, got " + seeds);
        }
    }
}
