package org.scalefit.core.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs independent tasks 0..count-1 on a few threads, each thread with its own state (kernel, buffers).
 * Public so that every multi-start loop (column laws here, curve laws in {@code core.curve}) shares one pool.
 */
public final class Parallel {
    private Parallel() {
    }

    public interface Task<S> {
        void run(S state, int index);
    }

    public static <S> void forEach(int count, int threads, Supplier<S> stateFactory, Task<S> task, Progress progress) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int n = Math.max(1, Math.min(threads, count));
        Runnable worker = () -> {
            S state = stateFactory.get();
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < count) {
                try {
                    task.run(state, i);
                    // progress may throw to stop the work (a cancelled job): that too ends every worker and
                    // reaches the caller, never the thread's uncaught-exception handler
                    progress.update(done.incrementAndGet(), count);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                    return;
                }
            }
        };
        if (n == 1) {
            worker.run();
        } else {
            List<Thread> pool = new ArrayList<>();
            for (int t = 0; t < n; t++) {
                Thread th = new Thread(worker, "scalefit-worker-" + t);
                th.setDaemon(true);
                pool.add(th);
                th.start();
            }
            for (Thread th : pool) {
                try {
                    th.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure.compareAndSet(null, e);
                }
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new IllegalStateException("fit interrupted", t);
        }
    }
}
