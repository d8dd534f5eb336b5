package org.scalefit.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** Runs the scalefit command in-process and keeps what it printed. */
final class Cli {
    final int exit;
    final String out;
    final String err;

    private Cli(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(args); // the model the command itself builds for these arguments
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = Main.execute(cl, args);
        return new Cli(code, out.toString(), err.toString());
    }

    JsonNode json() {
        return Json.MAPPER.readTree(out);
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out\n" + out + "\n--- err\n" + err;
    }
}
