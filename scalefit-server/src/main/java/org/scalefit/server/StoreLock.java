package org.scalefit.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One server per store. H2 would let a second server in the same JVM share the database file, and one in
 * another process would fail later in H2's own words; this lock on {@code DIR/scalefit.lock} is taken first,
 * and the OS drops it when the process dies, so a restart after kill -9 opens at once.
 */
final class StoreLock implements AutoCloseable {
    static final String FILE = "scalefit.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private StoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static StoreLock acquire(Path dir) {
        FileChannel ch = null;
        FileLock l;
        try {
            ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            // held by this JVM: another server here
            l = null;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new Store.Unavailable("cannot lock the store in " + dir + ": " + e.getMessage());
        }
        if (l == null) {
            closeQuietly(ch);
            throw new Store.Unavailable("another scalefit server is using " + dir + "; stop it first, or give this"
                    + " one another --data-dir");
        }
        return new StoreLock(ch, l);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing was held yet
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it as well
        }
        closeQuietly(channel);
    }
}
