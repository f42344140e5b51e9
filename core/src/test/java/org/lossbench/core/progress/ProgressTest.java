package org.lossbench.core.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProgressTest {
    @Test
    void countsStepsFromManyThreads() throws InterruptedException {
        for (boolean bar : new boolean[] {false, true}) {
            try (Progress p = Progress.start("test", 4000, bar)) {
                ExecutorService pool = Executors.newFixedThreadPool(4);
                for (int t = 0; t < 4; t++) {
                    pool.execute(() -> {
                        for (int i = 0; i < 1000; i++) {
                            p.step();
                        }
                    });
                }
                pool.shutdown();
                pool.awaitTermination(10, TimeUnit.SECONDS);
                assertEquals(4000, p.done());
            }
        }
    }

    @Test
    void theBarShowsTheTaskTheCountAndTheStatus() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (Progress p = Progress.start("train", 10, new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8))) {
            assertEquals(true, p.hasBar());
            for (int i = 0; i < 10; i++) {
                p.step("loss 0." + i);
            }
        }
        String drawn = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(drawn.contains("train") && drawn.contains("10/10") && drawn.contains("loss 0.9"), drawn);
    }
}
