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
}
