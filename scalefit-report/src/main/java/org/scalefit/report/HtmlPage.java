package org.scalefit.report;

import java.io.IOException;
import java.nio.file.Path;

import org.scalefit.core.data.AtomicFiles;
import org.scalefit.report.plot.Plot;

/**
 * The building blocks every scalefit HTML page shares: head with inline CSS, key–value rows, inline SVG
 * figures, the reproducing command, the footer, and an atomic write. No scripts, no external references.
 */
public final class HtmlPage {
    private HtmlPage() {
    }

    /** Doctype, head with the inline style sheet, and the page's h1. */
    public static void begin(StringBuilder h, String title) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Format.html(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
        h.append("<h1>").append(Format.html(title)).append("</h1>\n");
    }

    /** One row of a key–value table; the value is HTML already. */
    public static void kv(StringBuilder h, String key, String valueHtml) {
        h.append("<tr><th>").append(Format.html(key)).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    /** A plot as inline SVG with its caption. */
    public static void figure(StringBuilder h, Plot p) {
        h.append("<figure id=\"fig-").append(p.id()).append("\">\n").append(p.svg()).append('\n')
                .append("<figcaption>").append(Format.html(p.title())).append("</figcaption>\n</figure>\n");
    }

    /** The command that reproduces the page. */
    public static void command(StringBuilder h, String command) {
        h.append("<h2 id=\"command\">Command</h2>\n<pre class=\"command\">").append(Format.html(command))
                .append("</pre>\n<p class=\"note\">Run it in the same folder to reproduce this report.</p>\n");
    }

    /** The law's citation (if any), the footer and the closing tags. */
    public static void end(StringBuilder h, String citation) {
        if (citation != null && !citation.isEmpty()) {
            h.append("<h2>Law</h2>\n<p>").append(Format.html(citation)).append("</p>\n");
        }
        h.append("<footer>Made by scalefit. A single file: no scripts, no network.</footer>\n");
        h.append("</main>\n</body>\n</html>\n");
    }

    /**
     * Writes to a temporary file beside {@code file}, then moves it into place, so a reader never sees half a
     * file and a failed write leaves the old one.
     */
    public static void writeAtomically(byte[] content, Path file) throws IOException {
        AtomicFiles.write(file, content);
    }

    static final String CSS = String.join("\n",
            ":root { --ink: #222; --muted: #666; --rule: #ddd; --accent: #1f77b4; --warn: #b35900; }",
            "body { margin: 0; background: #fafafa; color: var(--ink);",
            "  font: 15px/1.5 'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif; }",
            "main { max-width: 960px; margin: 0 auto; padding: 24px 32px 48px; background: #fff; }",
            "h1 { font-size: 24px; margin: 8px 0 4px; }",
            "h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }",
            "p.law code { font-size: 15px; }",
            "nav { font-size: 13px; color: var(--muted); margin: 8px 0; }",
            "nav a { color: var(--accent); text-decoration: none; }",
            "pre.command { background: #f3f3f3; border: 1px solid var(--rule); padding: 10px 12px;",
            "  white-space: pre-wrap; word-break: break-all; font-size: 13px; }",
            "code { font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace; }",
            "code.small { font-size: 12px; }",
            "table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }",
            "th, td { padding: 4px 12px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }",
            "thead th { border-bottom: 2px solid #bbb; }",
            "table.kv th { color: var(--muted); font-weight: normal; white-space: nowrap; }",
            "td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }",
            "p.note { color: var(--muted); font-size: 13px; }",
            "p.warn, span.warn { color: var(--warn); font-weight: bold; }",
            "p.ok { color: #2a7a2a; }",
            "figure { margin: 18px 0; }",
            ".row { display: flex; flex-wrap: wrap; gap: 0 28px; align-items: flex-start; }",
            "figure svg { width: 100%; height: auto; max-width: 800px; display: block; }",
            "figcaption { color: var(--muted); font-size: 13px; }",
            "footer { margin-top: 32px; color: var(--muted); font-size: 12px; }",
            "");
}
