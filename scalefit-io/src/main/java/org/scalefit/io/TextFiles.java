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
        return new Utf8Reader(file.toString(), Files.newInputStream(file));
    }

    private static final class Utf8Reader extends Reader {
        private final String source;
        private final InputStream in;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
        private boolean eof;
        private boolean flushed;
        private boolean started;
        // where the next character sits, for the error message
        private long line = 1;
        private long column = 1;
        private boolean afterCr;

        Utf8Reader(String source, InputStream in) {
            this.source = source;
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
                    count(buf, off, out.position());
                    throw new DataException(source, line, String.valueOf(column), "not UTF-8 text: byte 0x"
                            + String.format("%02X", bytes.get(bytes.position()) & 0xFF) + " is not part of a valid"
                            + " UTF-8 character (save the file as UTF-8)");
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
            int from = off;
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
            count(buf, from, out.position());
            return out.position() - off;
        }

        private void fill() throws IOException {
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }

        private void count(char[] buf, int from, int to) {
            for (int i = from; i < to; i++) {
                char c = buf[i];
                if (c == '\r') {
                    line++;
                    column = 1;
                    afterCr = true;
                } else if (c == '\n') {
                    if (!afterCr) {
                        line++;
                    }
                    column = 1;
                    afterCr = false;
                } else {
                    column++;
                    afterCr = false;
                }
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
