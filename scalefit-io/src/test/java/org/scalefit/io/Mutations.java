package org.scalefit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assertions;
import org.scalefit.core.data.DataException;

/**
 * Seeded random damage to valid text inputs, for the readers' fuzz tests: byte flips, deletions, duplications,
 * truncation, swapped and duplicated lines, odd quotes, huge/NaN/Inf numbers, BOMs, CRLF, empty cells, wrong
 * types and deep nesting. Each case applies one to three mutations.
 */
final class Mutations {
    /** Text that must never reach a user: library internals, Java exception names, stack-ish output. */
    static final Pattern INTERNALS = Pattern.compile("(?i)jackson|duckdb|fastcsv|siegmar|binder error|parser error"
            + "|cannot deserialize|exception|java\\.|tools\\.|org\\.|\\bat [a-z]+\\.|StreamReadConstraints|\\(code \\d+\\)"
            + "|Source:");

    /** A hang guard, not a speed limit: a case that takes this long is stuck. */
    static final Duration HANG = Duration.ofSeconds(20);

    private static final String[] ODD = {"\"", "'", "\"\"", ",", "\t", "\n", "\r\n", "\r", "{", "}", "[", "]", ":",
        "NaN", "Infinity", "-Infinity", "inf", "1e400", "-1e-400", "1e308", "99999999999999999999999999999999",
        "0x1F", "1d", "-", ".", "e5", "null", "true", "false", "\"x\"", "", " ", "#", "\\", "\\u0000", "\u0000",
        "\uFEFF", "é", "\uD83D\uDE00", "\u00A0", "1,5", "[1,2]", "{\"a\":1}", "abc"};

    /** Column types DuckDB can write for a column the reader expects numbers in. */
    static final String[] PARQUET_TYPES = {"NULL", "'x'", "true", "1.5::DECIMAL(10,2)", "[1, 2]",
        "{'a': 1}", "TIMESTAMP '2024-01-01 00:00:00'", "'\\x00\\xFF'::BLOB", "'nan'::DOUBLE", "'inf'::DOUBLE",
        "-1", "1e308 * 10", "18446744073709551615::UBIGINT", "170141183460469231731687303715884105727::HUGEINT",
        "1::TINYINT", "2.5::FLOAT", "DATE '2024-01-02'", "INTERVAL 1 DAY", "uuid()", "'3.5'"};

    private Mutations() {
    }

    /** One to three random mutations of {@code valid}. */
    static byte[] mutate(String valid, Random rnd) {
        byte[] b = valid.getBytes(StandardCharsets.UTF_8);
        int k = 1 + rnd.nextInt(3);
        for (int i = 0; i < k; i++) {
            b = once(b, rnd);
        }
        return b;
    }

    private static byte[] once(byte[] b, Random rnd) {
        int at = b.length == 0 ? 0 : rnd.nextInt(b.length);
        switch (rnd.nextInt(13)) {
            case 0: { // flip a byte: often invalid UTF-8
                if (b.length == 0) {
                    return b;
                }
                byte[] c = b.clone();
                c[at] ^= (byte) (1 << rnd.nextInt(8));
                return c;
            }
            case 1: { // delete a span
                int len = Math.min(b.length - at, 1 + rnd.nextInt(8));
                byte[] c = new byte[b.length - len];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + len, c, at, b.length - at - len);
                return c;
            }
            case 2: { // duplicate a span
                int len = Math.min(b.length - at, 1 + rnd.nextInt(20));
                return insert(b, at, Arrays.copyOfRange(b, at, at + len));
            }
            case 3: // truncate
                return Arrays.copyOf(b, at);
            case 4:
            case 5: // insert odd text
                return insert(b, at, ODD[rnd.nextInt(ODD.length)].getBytes(StandardCharsets.UTF_8));
            case 6: // replace a number-like span by a huge, tiny or non-finite one
                return replaceNumber(b, rnd);
            case 7: // BOM in front
                return insert(b, 0, "\uFEFF".getBytes(StandardCharsets.UTF_8));
            case 8: // CRLF line ends
                return new String(b, StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
            case 9:
            case 10: // swap or duplicate whole lines
                return lines(b, rnd);
            case 11: { // deep nesting
                String open = rnd.nextBoolean() ? "[" : "{\"k\":";
                int depth = 1 + rnd.nextInt(rnd.nextBoolean() ? 50 : 3000);
                return insert(b, at, open.repeat(depth).getBytes(StandardCharsets.UTF_8));
            }
            default: { // a cell made empty or given another type
                String[] choice = {"", "\"\"", "null", "true", "\"text\"", "[]", "{}"};
                return replaceNumber(b, rnd, choice[rnd.nextInt(choice.length)]);
            }
        }
    }

    private static byte[] replaceNumber(byte[] b, Random rnd) {
        String[] big = {"1e400", "-1e400", "NaN", "Infinity", "-Infinity", "1e-400", "0", "-0", "-5",
            "1".repeat(400), "9".repeat(2000) + ".5", "1e2147483648", "4.9e-324"};
        return replaceNumber(b, rnd, big[rnd.nextInt(big.length)]);
    }

    private static byte[] replaceNumber(byte[] b, Random rnd, String with) {
        String s = new String(b, StandardCharsets.UTF_8);
        List<int[]> spans = new ArrayList<>();
        var m = Pattern.compile("-?[0-9][0-9.eE+-]*").matcher(s);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return b;
        }
        int[] span = spans.get(rnd.nextInt(spans.size()));
        return (s.substring(0, span[0]) + with + s.substring(span[1])).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] lines(byte[] b, Random rnd) {
        List<String> lines = new ArrayList<>(Arrays.asList(new String(b, StandardCharsets.UTF_8).split("\n", -1)));
        if (lines.size() < 2) {
            return b;
        }
        int i = rnd.nextInt(lines.size());
        int j = rnd.nextInt(lines.size());
        if (rnd.nextBoolean()) {
            String t = lines.get(i);
            lines.set(i, lines.get(j));
            lines.set(j, t);
        } else {
            lines.add(j, lines.get(i));
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] c = new byte[b.length + what.length];
        System.arraycopy(b, 0, c, 0, at);
        System.arraycopy(what, 0, c, at, what.length);
        System.arraycopy(b, at, c, at + what.length, b.length - at);
        return c;
    }

    /** What a read may do: give a result, or fail with a located DataException in our words. */
    interface Read {
        void run() throws Exception;
    }

    /**
     * Runs one case under the hang guard and checks its outcome: success, or a {@link DataException} naming
     * {@code fileName} with no library internals in its message. Returns the error, or null on success.
     */
    static DataException check(String label, String fileName, Read read) {
        DataException[] error = new DataException[1];
        Assertions.assertTimeoutPreemptively(HANG, () -> {
            try {
                read.run();
            } catch (DataException e) {
                error[0] = e;
            } catch (Throwable t) {
                fail(label + ": expected success or a DataException, got " + t, t);
            }
        }, label + " hung");
        DataException e = error[0];
        if (e != null) {
            assertThat(e.getMessage()).as(label).contains(fileName).doesNotContain("\n");
            assertThat(e.problem()).as(label + ": " + e.getMessage()).doesNotContainPattern(INTERNALS);
        }
        return e;
    }
}
