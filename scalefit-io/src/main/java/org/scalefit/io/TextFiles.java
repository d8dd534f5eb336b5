package org.scalefit.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.scalefit.core.data.DataException;

/**
 * Opens a text file as strict UTF-8 without its byte-order mark. A byte that is not UTF-8 stops the read
 * with a {@link DataException} at its line and column, instead of a decoder error without a place (or, with a
 * lenient decoder, a silently changed cell).
 */
final class TextFiles {
    private TextFiles() {
    }

    static Reader open(Path file) throws IOException {
        return new Utf8Reader(file, Files.newInputStream(file));
    }

    /** As {@link #open(Path)}, with every byte of the file also counted into {@code digest}. */
    static Reader open(Path file, SourceDigest digest) throws IOException {
        return new Utf8Reader(file, digest.wrap(Files.newInputStream(file)));
    }

    private static final class Utf8Reader extends Reader {
        private final Path file;
        private final InputStream in;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
        private long consumed; // bytes of the file before the buffer's start
        private boolean eof;
        private boolean flushed;
        private boolean started;

        Utf8Reader(Path file, InputStream in) {
            this.file = file;
            this.in = in;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            CharBuffer out = CharBuffer.wrap(buf, off, len);
            while (out.position() == off) {
                if (!bytes.hasRemaining() && !eof) {
                    fill();
                }
                CoderResult r = decoder.decode(bytes, out, eof);
                if (r.isError()) {
                    throw notUtf8(consumed + bytes.position(), bytes.get(bytes.position()));
                }
                if (eof && !bytes.hasRemaining()) {
                    if (!flushed) {
                        decoder.flush(out);
                        flushed = true;
                    }
                    if (out.position() == off) {
                        return -1;
                    }
                }
                if (r.isUnderflow() && !eof && out.position() == off) {
                    fill();
                }
            }
            if (!started) {
                started = true;
                if (buf[off] == '\uFEFF') {
                    // a byte-order mark is not content: drop it
                    System.arraycopy(buf, off + 1, buf, off, out.position() - off - 1);
                    out.position(out.position() - 1);
                    if (out.position() == off) {
                        return read(buf, off, len);
                    }
                }
            }
            return out.position() - off;
        }

        private void fill() throws IOException {
            consumed += bytes.position();
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }

        /** Finds the line and column of the bad byte only now, so reading a good file costs no counting. */
        private DataException notUtf8(long offset, byte bad) throws IOException {
            long line = 1;
            long lineStart = 0;
            try (InputStream again = Files.newInputStream(file)) {
                byte[] chunk = new byte[1 << 16];
                long at = 0;
                int previous = -1;
                while (at < offset) {
                    int n = again.read(chunk, 0, (int) Math.min(chunk.length, offset - at));
                    if (n < 0) {
                        break;
                    }
                    for (int i = 0; i < n; i++) {
                        int b = chunk[i];
                        if (b == '\r' || b == '\n' && previous != '\r') {
                            line++;
                        }
                        if (b == '\r' || b == '\n') {
                            lineStart = at + i + 1;
                        }
                        previous = b;
                    }
                    at += n;
                }
            }
            long column = 1;
            try (InputStream again = Files.newInputStream(file)) {
                again.skipNBytes(lineStart);
                byte[] before = again.readNBytes((int) Math.min(offset - lineStart, 1 << 20));
                column += new String(before, StandardCharsets.UTF_8).length();
            }
            return new DataException(file.toString(), line, String.valueOf(column), "not UTF-8 text: byte 0x"
                    + String.format("%02X", bad & 0xFF) + " is not part of a valid UTF-8 character (save the file as"
                    + " UTF-8)");
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
