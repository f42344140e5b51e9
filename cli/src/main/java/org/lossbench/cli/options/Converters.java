package org.lossbench.cli.options;

import org.lossbench.core.engine.Device;
import org.lossbench.losses.CompoundLoss;
import org.lossbench.models.infer.Blend;
import org.lossbench.models.infer.CpuRewrite;
import org.lossbench.models.train.LrSchedule;
import org.lossbench.models.train.ModelSpec;
import org.lossbench.models.train.Optimizer;
import picocli.CommandLine.ITypeConverter;

/**
 * The converters that check a value where picocli parses it, so that a bad one is a usage error (exit 2)
 * before anything runs. The spec converters keep the text as written, since cards and cell keys record
 * it; each parser's {@code LossbenchException} already names what is wrong and is printed as it is.
 */
public final class Converters {
    private Converters() {
    }

    /** {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N} ({@link Device#parse}), kept as written: a sweep's cell key records the request. */
    public static final class DeviceText implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            Device.parse(value);
            return value;
        }
    }

    /** ONNX Runtime's intra-op threads: 0 (its default) or more. */
    public static final class OnnxRuntimeThreadCount implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = integer(value, "an integer >= 0 (0 = ONNX Runtime's default)");
            if (n < 0) {
                throw new OptionValueException("must be >= 0 (0 = ONNX Runtime's default), got " + value);
            }
            return n;
        }
    }

    /** Worker threads: at least 1. */
    public static final class WorkerThreadCount implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            int n = integer(value, "an integer >= 1");
            if (n < 1) {
                throw new OptionValueException("must be >= 1, got " + value);
            }
            return n;
        }
    }

    /** {@code lossbench sweep --jobs}: {@code auto} (null) or a count of at least 1. */
    public static final class JobCount implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            if (value.equals("auto")) {
                return null;
            }
            int n = integer(value, "auto or an integer >= 1");
            if (n < 1) {
                throw new OptionValueException("must be auto or >= 1, got " + value);
            }
            return n;
        }
    }

    /** A loss spec such as {@code dice+ce} or {@code focal:gamma=2} ({@link CompoundLoss#parse}), kept as written. */
    public static final class LossSpec implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            CompoundLoss.parse(value);
            return value;
        }
    }

    /** A model spec {@code ARCH[:width=W,depth=D,kernel=K]} ({@link ModelSpec#parse}), kept as written. */
    public static final class ModelSpecText implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            ModelSpec.parse(value);
            return value;
        }
    }

    /** An optimiser spec such as {@code adam:beta2=0.99} ({@link Optimizer#parse}), kept as written. */
    public static final class OptimizerSpec implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            Optimizer.parse(value);
            return value;
        }
    }

    /** A learning-rate schedule such as {@code poly:power=0.9} ({@link LrSchedule#parse}), kept as written. */
    public static final class ScheduleSpec implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            LrSchedule.parse(value);
            return value;
        }
    }

    /** The CPU rewrite policy of inference, {@code auto|none|conv2d|depth-major} ({@link CpuRewrite#parse}). */
    public static final class CpuRewritePolicy implements ITypeConverter<CpuRewrite> {
        @Override
        public CpuRewrite convert(String value) {
            return CpuRewrite.parse(value);
        }
    }

    /** How overlapping windows are blended, {@code gaussian|constant} ({@link Blend#parse}). */
    public static final class BlendPolicy implements ITypeConverter<Blend> {
        @Override
        public Blend convert(String value) {
            return Blend.parse(value);
        }
    }

    private static int integer(String value, String what) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new OptionValueException("must be " + what + ", got '" + value + "'");
        }
    }
}
