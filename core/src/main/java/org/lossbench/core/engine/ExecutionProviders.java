package org.lossbench.core.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Finds out which ONNX Runtime execution providers actually work on this machine, and why not.
 *
 * <p>The CUDA build of ONNX Runtime 1.24 needs the CUDA 12 runtime, cuBLAS 12, cuFFT 11, cuDNN 9 and
 * the NVIDIA driver on the library path. Loading its 300 MB provider library only to learn that
 * cuDNN is missing takes seconds, so the libraries are looked up first (in {@code LD_LIBRARY_PATH}
 * and the linker cache) and the provider is only loaded when they are all there.
 */
public final class ExecutionProviders {
    /** The shared libraries the CUDA execution provider of ONNX Runtime 1.24 loads. */
    static final List<String> CUDA_LIBRARIES = List.of(
            "libcuda.so.1", "libcudart.so.12", "libcublas.so.12", "libcublasLt.so.12", "libcufft.so.11", "libcudnn.so.9");

    private ExecutionProviders() {
    }

    /** Whether a provider works, with the reason when it does not. */
    public record Status(String name, boolean usable, String detail) {
    }

    /** The CPU provider and, when compiled into the ONNX Runtime build, CUDA. */
    public static List<Status> probe() {
        List<Status> out = new ArrayList<>();
        EnumSet<OrtProvider> compiled;
        try {
            OrtEnvironment.getEnvironment();
            compiled = OrtEnvironment.getAvailableProviders();
        } catch (RuntimeException | LinkageError e) {
            out.add(new Status("CPU", false, "ONNX Runtime failed to load: " + e.getMessage()));
            return out;
        }
        out.add(new Status("CPU", compiled.contains(OrtProvider.CPU), "always available"));
        out.add(probeCuda(compiled));
        return out;
    }

    /** Whether CUDA device 0 can be used, and if not, why (naming the missing library). */
    public static Status probeCuda(EnumSet<OrtProvider> compiled) {
        return probeCuda(compiled, 0);
    }

    /** Whether CUDA device {@code deviceId} can be used with this ONNX Runtime build, and if not, why. */
    public static Status probeCuda(int deviceId) {
        EnumSet<OrtProvider> compiled;
        try {
            OrtEnvironment.getEnvironment();
            compiled = OrtEnvironment.getAvailableProviders();
        } catch (RuntimeException | LinkageError e) {
            return new Status("CUDA", false, "ONNX Runtime failed to load: " + e.getMessage());
        }
        return probeCuda(compiled, deviceId);
    }

    /** Whether CUDA device {@code deviceId} can be used, and if not, why (naming the missing library). */
    public static Status probeCuda(EnumSet<OrtProvider> compiled, int deviceId) {
        if (!compiled.contains(OrtProvider.CUDA)) {
            return new Status("CUDA", false, "this ONNX Runtime build has no CUDA provider (use the onnxruntime_gpu artifact)");
        }
        List<String> missing = missingLibraries(CUDA_LIBRARIES);
        if (!missing.isEmpty()) {
            return new Status("CUDA", false, "missing " + String.join(", ", missing)
                    + " on the library path (CUDA 12, cuDNN 9 and the NVIDIA driver are needed; set LD_LIBRARY_PATH)");
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.addCUDA(deviceId);
            return new Status("CUDA", true, "device " + deviceId);
        } catch (OrtException | RuntimeException | LinkageError e) {
            return new Status("CUDA", false, "provider failed to load: " + e.getMessage());
        }
    }

    /** The names among {@code libraries} that neither {@code LD_LIBRARY_PATH} nor the linker cache provides. */
    static List<String> missingLibraries(List<String> libraries) {
        String cache = linkerCache();
        List<String> missing = new ArrayList<>();
        for (String lib : libraries) {
            if (!onLibraryPath(lib) && !cache.contains(lib + " ")) {
                missing.add(lib);
            }
        }
        return missing;
    }

    private static boolean onLibraryPath(String lib) {
        String path = System.getenv("LD_LIBRARY_PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.exists(Path.of(dir, lib))) {
                return true;
            }
        }
        return false;
    }

    private static String linkerCache() {
        for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig")) {
            if (!Files.isExecutable(Path.of(ldconfig))) {
                continue;
            }
            try {
                Process p = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (p.waitFor(10, TimeUnit.SECONDS)) {
                    return new String(out, java.nio.charset.StandardCharsets.UTF_8);
                }
                p.destroyForcibly();
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
        return "";
    }
}
