package org.scalefit.cli;

import java.io.PrintStream;

import org.scalefit.core.fit.Progress;

/** A one-line progress bar on the terminal's error stream, redrawn at most ten times a second. */
final class ProgressBar implements Progress {
    private static final int WIDTH = 30;
    private final PrintStream out;
    private final String label;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    private ProgressBar(PrintStream out, String label) {
        this.out = out;
        this.label = label;
    }

    /** A bar when stderr is a terminal and the output is for people; else nothing. */
    static Progress forTerminal(String label, boolean enabled) {
        if (!enabled || System.console() == null) {
            return Progress.NONE;
        }
        return new ProgressBar(System.err, label);
    }

    @Override
    public synchronized void update(long done, long total) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < 100_000_000L) {
            return;
        }
        lastDraw = now;
        int filled = (int) (WIDTH * done / Math.max(1, total));
        StringBuilder sb = new StringBuilder("\r").append(label).append(" [");
        for (int i = 0; i < WIDTH; i++) {
            sb.append(i < filled ? '#' : '.');
        }
        sb.append("] ").append(done).append('/').append(total)
                .append(String.format("  %.1fs", (now - start) / 1e9));
        if (done >= total) {
            sb.append('\n');
        }
        out.print(sb);
        out.flush();
        drawn = true;
    }

    boolean drawn() {
        return drawn;
    }
}
