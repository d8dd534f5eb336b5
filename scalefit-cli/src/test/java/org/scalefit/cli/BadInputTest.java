package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gets one clear error naming file, line, column and what was expected; the exit
 * code is 2 and no output file is left behind.
 */
class BadInputTest {
    @TempDir
    Path tmp;

    private Path file(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private Cli fit(Path data, String... extra) {
        String[] base = {"fit", data.toString(), "--law", "chinchilla", "--starts", "8", "--out",
            tmp.resolve("out.json").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cli.run(args);
    }

    private void assertFails(Cli r, String... fragments) {
        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err).as(r.toString()).startsWith("scalefit: error: ").contains(fragments);
        assertThat(r.err.strip().lines().count()).as("one line").isEqualTo(1);
        assertThat(tmp.resolve("out.json")).doesNotExist();
    }

    private static final String GOOD_ROWS = "1e8,2e9,3.1\n2e8,4e9,2.9\n4e8,8e9,2.7\n8e8,1.6e10,2.5\n1.6e9,3.2e10,2.4\n"
            + "3.2e9,6.4e10,2.3\n";

    @Test
    void missingColumn() throws IOException {
        Path p = file("runs.csv", "N,tokens_x,L\n" + GOOD_ROWS);
        assertFails(fit(p), "runs.csv", "missing column 'D'", "--col D=COLUMN", "the file has: N, tokens_x, L");
    }

    @Test
    void nonNumericCell() throws IOException {
        Path p = file("runs.csv", "N,D,L\n" + GOOD_ROWS + "1e9,abc,2.2\n");
        assertFails(fit(p), "runs.csv, line 8, column 2 ('D')", "expected a number, found 'abc'");
    }

    @Test
    void nonPositiveValue() throws IOException {
        Path p = file("runs.csv", "N,D,L\n" + GOOD_ROWS + "-1e9,2e10,2.2\n");
        assertFails(fit(p), "line 8, column 1 ('N')", "expected a positive number, found -1.0E9");
    }

    @Test
    void nanAndInfinity() throws IOException {
        assertFails(fit(file("a.csv", "N,D,L\n" + GOOD_ROWS + "1e9,2e10,NaN\n")), "line 8, column 3 ('L')",
                "finite positive number, found NaN");
        assertFails(fit(file("b.csv", "N,D,L\n1e9,inf,2.2\n" + GOOD_ROWS)), "line 2, column 2 ('D')",
                "found Infinity");
    }

    @Test
    void duplicateHeader() throws IOException {
        assertFails(fit(file("runs.csv", "N,D,N,L\n1,2,3,4\n")), "runs.csv, line 1", "duplicate column name 'N'");
    }

    @Test
    void emptyFile() throws IOException {
        assertFails(fit(file("runs.csv", "")), "runs.csv", "empty file");
        assertFails(fit(file("head.csv", "N,D,L\n")), "head.csv", "no data rows");
    }

    @Test
    void raggedRow() throws IOException {
        assertFails(fit(file("runs.csv", "N,D,L\n" + GOOD_ROWS + "1e9,2e10\n")), "line 8", "expected 3 fields");
    }

    @Test
    void badJson() throws IOException {
        assertFails(fit(file("runs.json", "[{\"N\": 1e8, \"D\": 2e9, \"L\": 3.1},\n {\"N\": 2e8, \"D\": }]")),
                "runs.json, line 2");
    }

    @Test
    void formulaThatDoesNotParse() throws IOException {
        Path p = file("runs.csv", "N,D,L\n" + GOOD_ROWS);
        Cli r = Cli.run("fit", p.toString(), "--formula", "L = E + A/N^", "--param", "E=0.1..10", "--param",
                "A=1..1e9:log", "--out", tmp.resolve("out.json").toString());
        assertFails(r, "formula 'E + A/N^' at column 9");
    }

    @Test
    void formulaWithUnknownVariable() throws IOException {
        Path p = file("runs.csv", "N,D,L\n" + GOOD_ROWS);
        Cli r = Cli.run("fit", p.toString(), "--formula", "L = E + A/X^alpha", "--param", "E=0.1..10:log",
                "--param", "A=1..1e9:log", "--param", "alpha=0..2", "--out", tmp.resolve("out.json").toString());
        assertFails(r, "missing column 'X'", "--param X=LOW..HIGH");
    }

    @Test
    void derivedColumnNamingAnUnknownColumn() throws IOException {
        Path p = file("runs.csv", "N,C,L\n" + GOOD_ROWS);
        assertFails(fit(p, "--derive", "D=C/(6*M)"), "derived column D = C/(6*M): unknown column 'M'");
    }

    @Test
    void unknownLawAndBadOptions() throws IOException {
        Path p = file("runs.csv", "N,D,L\n" + GOOD_ROWS);
        assertFails(Cli.run("fit", p.toString(), "--law", "chinchila"), "unknown law 'chinchila'", "chinchilla");
        assertFails(fit(p, "--objective", "cauchy"), "unknown objective 'cauchy'");
        assertFails(fit(p, "--solver", "lm", "--objective", "absolute"), "needs --solver lbfgsb");
        assertFails(fit(p, "--drop-highest", "6"), "only 6 rows remain");
    }

    @Test
    void tooFewPoints() throws IOException {
        Path p = file("runs.csv", "N,D,L\n1e8,2e9,3.1\n2e8,4e9,2.9\n");
        assertFails(fit(p), "too few points", "5 parameters", "2 rows");
    }

    @Test
    void missingFile() {
        assertFails(fit(tmp.resolve("nope.csv")), "nope.csv: no such file");
    }

    @Test
    void predictWithBadPointOrFile() throws IOException {
        Path data = file("runs.csv", "N,D,L\n" + GOOD_ROWS);
        Path fit = tmp.resolve("fit.json");
        assertThat(Cli.run("fit", data.toString(), "--law", "chinchilla", "--starts", "8", "--out", fit.toString()).exit)
                .isZero();
        Cli r = Cli.run("predict", "--fit", fit.toString(), "--at", "N=7e10");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("needs a value for D");
        Cli q = Cli.run("predict", "--fit", fit.toString(), "--at", "N=7e10,D=x");
        assertThat(q.err).contains("'x' is not a number");
        Cli s = Cli.run("predict", "--fit", data.toString(), "--at", "N=7e10,D=1e12");
        assertThat(s.exit).isEqualTo(2);
        assertThat(s.err).contains("not a valid fit file");
        Cli o = Cli.run("optimal", "--fit", fit.toString(), "--compute", "-5");
        assertThat(o.err).contains("positive number of FLOP");
    }
}
