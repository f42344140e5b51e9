package org.lossbench.cli.options;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lossbench.core.ExitCode;
import org.lossbench.core.LossbenchException;
import org.lossbench.models.infer.Blend;
import org.lossbench.models.infer.CpuRewrite;

/** The option converters: what each accepts, what it makes of it, and how it refuses the rest. */
class ConvertersTest {
    @Test
    void sizesAreThreePositiveIntegersOrOneForACube() {
        assertEquals(new Size3(32, 32, 32), Size3.parse("32"));
        assertEquals(new Size3(16, 32, 8), Size3.parse("16, 32,8"));
        assertArrayEquals(new int[] {16, 32, 8}, new Size3.Converter().convert(" 16,32 , 8 ").toArray());
        assertEquals(List.of(4, 5, 6), Size3.parse("4,5,6").toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "8,8", "8,8,8,8", "0", "8,0,8", "-1", "8,,8", "8,8,", "a", "1.5", "99999999999"})
    void otherSizesAreRefusedSayingWhatTheyMustBe(String text) {
        OptionValueException e = assertThrows(OptionValueException.class, () -> Size3.parse(text));
        assertEquals("--roi must be three positive sizes D,H,W (or one for a cube), got '" + text + "'", e.about("--roi"));
    }

    @Test
    void threadCounts() {
        assertEquals(0, new Converters.OnnxRuntimeThreadCount().convert("0"));
        assertEquals(8, new Converters.OnnxRuntimeThreadCount().convert("8"));
        assertEquals("--threads must be >= 0 (0 = ONNX Runtime's default), got -1",
                assertThrows(OptionValueException.class, () -> new Converters.OnnxRuntimeThreadCount().convert("-1")).about("--threads"));
        assertEquals(1, new Converters.WorkerThreadCount().convert("1"));
        assertEquals("--threads must be >= 1, got 0",
                assertThrows(OptionValueException.class, () -> new Converters.WorkerThreadCount().convert("0")).about("--threads"));
        assertEquals("--threads must be an integer >= 1, got 'two'",
                assertThrows(OptionValueException.class, () -> new Converters.WorkerThreadCount().convert("two")).about("--threads"));
    }

    @Test
    void devicesAndSpecsAreCheckedAndKeptAsWritten() {
        for (String d : List.of("auto", "cpu", "cuda", "CUDA:1")) {
            assertEquals(d, new Converters.DeviceText().convert(d), "a sweep's cell key records the device as written");
        }
        assertEquals("focal : gamma=2", new Converters.LossSpec().convert("focal : gamma=2"));
        assertEquals("vnet-lite:width=8", new Converters.ModelSpecText().convert("vnet-lite:width=8"));
        assertEquals("adam:beta2=0.99", new Converters.OptimizerSpec().convert("adam:beta2=0.99"));
        assertEquals("step:every=10", new Converters.ScheduleSpec().convert("step:every=10"));
        for (Runnable bad : List.<Runnable>of(() -> new Converters.DeviceText().convert("tpu"), () -> new Converters.LossSpec().convert("dise"),
                () -> new Converters.ModelSpecText().convert("unet"), () -> new Converters.OptimizerSpec().convert("adam:beta9=1"),
                () -> new Converters.ScheduleSpec().convert("cosine"))) {
            assertEquals(ExitCode.USAGE, assertThrows(LossbenchException.class, bad::run).exitCode());
        }
    }

    @Test
    void policies() {
        assertEquals(CpuRewrite.DEPTH_MAJOR, new Converters.CpuRewritePolicy().convert("depth-major"));
        assertEquals(Blend.CONSTANT, new Converters.BlendPolicy().convert("constant"));
        assertEquals("--cpu-rewrite must be auto, none, conv2d or depth-major, got fast",
                assertThrows(LossbenchException.class, () -> new Converters.CpuRewritePolicy().convert("fast")).getMessage());
    }
}
