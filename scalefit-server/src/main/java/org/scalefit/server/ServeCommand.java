package org.scalefit.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalefit serve}: the web app and its JSON API over a persistent store. */
@Command(name = "serve", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Start the web app: upload runs, map columns, fit laws, predict; data sets and fits persist"
                + " in an embedded database under the data directory. JSON API at /api/v1, documented at /openapi.json.",
            "Requests must name this server in their Host header (the bound address; on loopback also localhost,"
                + " 127.0.0.1, [::1]; --allow-host adds names); writes from pages of other origins are refused.",
            "Loopback is any 127.0.0.0/8 address, ::1, or a name resolving to one such as localhost. Bound to any"
                + " other address, every API request (reads too) needs a token: --token, or a new one printed at"
                + " start. Open the printed address, which carries the token, once: the page then keeps it in a cookie."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "port (0: any free one; default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "address to bind (default ${DEFAULT-VALUE}: this machine only); an address that is not"
                    + " loopback makes the token compulsory for every API request")
    String host;

    @Option(names = "--allow-host", paramLabel = "NAME",
            description = "another name this server answers to in the Host header (repeatable), e.g. a proxy's")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "scalefit-data",
            description = "folder of the store (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--token", description = "token every API request must carry, reads too (default: none on"
            + " loopback, a new one printed at start otherwise)")
    String token;

    @Option(names = "--fit-workers", paramLabel = "K", description = "fits that run at once (default: the number of cores)")
    Integer fitWorkers;

    @Option(names = "--max-upload", paramLabel = "SIZE", defaultValue = "20MB",
            description = "largest runs file accepted, e.g. 500KB, 20MB, 1GB (default ${DEFAULT-VALUE})")
    String maxUpload;

    @Option(names = "--max-store", paramLabel = "SIZE", defaultValue = "2GB",
            description = "most the store may hold, uploads and results (default ${DEFAULT-VALUE}); beyond, 507")
    String maxStore;

    @Option(names = "--max-job-cost", paramLabel = "COST", defaultValue = "2e10",
            description = "ceiling on a job's estimated cost, starts × rows × parameters × (1 + resamples) summed"
                    + " over its fits (default ${DEFAULT-VALUE})")
    double maxJobCost;

    @Option(names = "--max-job-seconds", paramLabel = "S", defaultValue = "3600",
            description = "a job running longer is stopped and fails (default ${DEFAULT-VALUE})")
    int maxJobSeconds;

    @Option(names = "--max-waiting", paramLabel = "K", defaultValue = "32",
            description = "requests that may hold a thread in ?wait= at once; more are answered at once"
                    + " (default ${DEFAULT-VALUE})")
    int maxWaiting;

    @Option(names = "--max-uploads-per-minute", paramLabel = "K", defaultValue = "30",
            description = "uploads one client (remote address) may send per minute; more get 429"
                    + " (default ${DEFAULT-VALUE})")
    int uploadsPerMinute;

    @Option(names = "--max-jobs-per-client", paramLabel = "K", defaultValue = "8",
            description = "jobs one client may have queued or running; more get 429 (default ${DEFAULT-VALUE})")
    int jobsPerClient;

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
        if (!(maxJobCost >= 1) || maxJobCost > 9.2e18) {
            throw new IllegalArgumentException("--max-job-cost must be a number from 1 to 9.2e18, not " + maxJobCost);
        }
        Limits limits = new Limits(parseSize(maxUpload, "--max-upload"), (long) maxJobCost, maxJobSeconds,
                maxWaiting, uploadsPerMinute, jobsPerClient, parseSize(maxStore, "--max-store"));
        ApiServer server;
        try {
            server = ApiServer.start(new ApiServer.Options(host, port, dataDir, token, workers, limits, allowHosts));
        } catch (Store.Unavailable e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("scalefit serving " + server.loginUrl());
        out.println("  store " + dataDir.toAbsolutePath().normalize() + ", API " + ApiServer.PREFIX
                + ", docs /openapi.json");
        if (server.token() != null) {
            out.println("  every API request needs the token: open the address above once (the page keeps it in a"
                    + " cookie), or send 'Authorization: Bearer " + server.token() + "'");
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
    static long parseSize(String text, String option) {
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
            if (!(v >= 1) || v * unit > 9.2e18) {
                throw new NumberFormatException();
            }
            return (long) (v * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " '" + text + "': expected a size such as 20MB, 500KB or"
                    + " 1048576");
        }
    }
}
