package org.scalefit.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalefit serve}: the web app and its JSON API over a persistent store. */
@Command(name = "serve", sortOptions = false, usageHelpAutoWidth = true,
        description = "Start the web app: upload runs, map columns, fit laws, predict; data sets and fits persist"
                + " in an embedded database under the data directory. JSON API at /api/v1, documented at /openapi.json.",
        subcommands = {ServeBench.class})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "port (0: any free one; default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "address to bind (default ${DEFAULT-VALUE}: this machine only); any other address requires"
                    + " a token for every write")
    String host;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "scalefit-data",
            description = "folder of the store (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--max-upload", paramLabel = "SIZE", defaultValue = "20MB",
            description = "largest runs file accepted, e.g. 500KB, 20MB, 1GB (default ${DEFAULT-VALUE})")
    String maxUpload;

    @Option(names = "--token", description = "token every write must carry (default: none on localhost, a new one"
            + " printed at start otherwise)")
    String token;

    @Option(names = "--fit-workers", paramLabel = "K", description = "fits that run at once (default: the number of cores)")
    Integer fitWorkers;

    /** Runs the server alone (the restart test starts it so, in a JVM of its own). */
    public static void main(String[] args) {
        System.exit(new picocli.CommandLine(new ServeCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        int workers = fitWorkers != null ? fitWorkers : Math.max(1, Runtime.getRuntime().availableProcessors());
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("--token must not be empty");
        }
        ApiServer server = ApiServer.start(new ApiServer.Options(host, port, dataDir, parseSize(maxUpload), token,
                workers));
        PrintWriter out = spec.commandLine().getOut();
        out.println("scalefit serving " + server.url() + "  (store: " + dataDir.toAbsolutePath().normalize()
                + ", API " + ApiServer.PREFIX + ", docs /openapi.json)");
        if (server.token() != null) {
            out.println("token: " + server.token() + "  (writes need 'Authorization: Bearer TOKEN'; in the browser"
                    + " open " + server.url() + "#token=" + server.token() + ")");
        }
        out.println("stop with Ctrl-C");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** "20MB", "500KB", "1GB" or a number of bytes. */
    static long parseSize(String text) {
        String t = text.strip().toUpperCase(Locale.ROOT);
        long unit = 1;
        for (String[] u : new String[][] {{"GB", "1073741824"}, {"MB", "1048576"}, {"KB", "1024"}, {"B", "1"}}) {
            if (t.endsWith(u[0])) {
                unit = Long.parseLong(u[1]);
                t = t.substring(0, t.length() - u[0].length()).strip();
                break;
            }
        }
        try {
            double v = Double.parseDouble(t);
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new NumberFormatException();
            }
            return (long) (v * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--max-upload '" + text + "': expected a size such as 20MB, 500KB or 1048576");
        }
    }
}
