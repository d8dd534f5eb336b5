package org.scalefit.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.scalefit.core.pipeline.Provenance;

/**
 * The SHA-256 and size of a source, taken from the bytes as a reader consumes them (one pass over the file);
 * whatever a reader left unread after a successful read is hashed by {@link #source(Path)}, so the digest is
 * always of the whole file.
 */
final class SourceDigest {
    private final MessageDigest sha = newSha256();
    private long bytes;

    /** The source of {@code content} named {@code name}, e.g. an upload. */
    static Provenance.Source of(String name, byte[] content) {
        SourceDigest d = new SourceDigest();
        d.sha.update(content);
        d.bytes = content.length;
        return d.source(name);
    }

    /** {@code in}, with every byte read counted into this digest. */
    InputStream wrap(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    sha.update((byte) b);
                    bytes++;
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    sha.update(buf, off, n);
                    bytes += n;
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                // skipped bytes are part of the file: read them through the digest
                byte[] buf = new byte[8192];
                long done = 0;
                while (done < n) {
                    int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                    if (r < 0) {
                        break;
                    }
                    done += r;
                }
                return done;
            }
        };
    }

    /** The source of {@code file}, hashing the bytes after the ones the reader consumed. */
    Provenance.Source source(Path file) throws IOException {
        try (InputStream rest = Files.newInputStream(file)) {
            rest.skipNBytes(bytes);
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = rest.read(buf)) > 0) {
                sha.update(buf, 0, n);
                bytes += n;
            }
        }
        return source(file.toString());
    }

    private Provenance.Source source(String name) {
        return new Provenance.Source(name, HexFormat.of().formatHex(sha.digest()), bytes);
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
