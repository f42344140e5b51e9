package org.lossbench.cli;

import ai.onnxruntime.OrtEnvironment;
import java.util.ArrayList;
import java.util.List;
import org.lossbench.core.engine.ExecutionProviders;
import org.lossbench.core.provenance.BuildInfo;
import org.lossbench.core.provenance.GitInfo;
import picocli.CommandLine.IVersionProvider;

/** {@code lossbench --version}: versions, commit and the execution providers that work here. */
final class VersionInfo implements IVersionProvider {
    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        lines.add("lossbench " + BuildInfo.version());
        lines.add("git commit: " + GitInfo.commitOfInstallation());
        lines.add("java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        String ort;
        try {
            ort = OrtEnvironment.getEnvironment().getVersion();
        } catch (RuntimeException | LinkageError e) {
            ort = "failed to load (" + e.getMessage() + ")";
        }
        lines.add("onnxruntime: " + ort + " (" + BuildInfo.onnxRuntimeArtifact() + ")");
        for (ExecutionProviders.Status s : ExecutionProviders.probe()) {
            lines.add("execution provider " + s.name() + ": " + (s.usable() ? "usable" : "not usable") + " (" + s.detail() + ")");
        }
        return lines.toArray(String[]::new);
    }
}
