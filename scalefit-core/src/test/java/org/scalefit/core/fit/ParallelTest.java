package org.scalefit.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void aProgressThatStopsTheWorkReachesTheCallerNotTheWorkerThread() throws Exception {
        AtomicReference<Throwable> uncaught = new AtomicReference<>();
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.set(e));
        try {
            for (int threads : new int[] {1, 4}) {
                AtomicInteger ran = new AtomicInteger();
                Progress stop = (done, total) -> {
                    if (done >= 3) {
                        throw new CancellationException("cancelled");
                    }
                };
                assertThatThrownBy(() -> Parallel.forEach(1000, threads, () -> null, (s, i) -> ran.incrementAndGet(),
                        stop)).isInstanceOf(CancellationException.class);
                // every worker stops soon after the first one is told to: far fewer than all tasks ran
                assertThat(ran.get()).isLessThan(1000);
            }
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(before);
        }
        assertThat(uncaught.get()).isNull();
    }
}
