package org.scalefit.server;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.javalin.http.Context;

/**
 * What a request must show before it is served, modelled on Jupyter's local server:
 * <ul>
 * <li>a {@code Host} this server answers to (its bound address, the loopback names when bound to loopback,
 *     this machine's addresses when bound to a wildcard, and every {@code --allow-host}), so a DNS-rebinding
 *     page cannot reach it under its own name;</li>
 * <li>for every write, an {@code Origin} (and {@code Sec-Fetch-Site}) of this server itself, so no other
 *     page can post to it; preflights get no Access-Control-Allow-* for any other origin;</li>
 * <li>with a token (given, or compulsory off loopback), the token on every API request: as
 *     {@code Authorization: Bearer}, or as the HttpOnly cookie set when the page was opened with
 *     {@code ?token=}; writes that rely on the cookie also carry {@code X-XSRF-Token} equal to the
 *     {@code _xsrf} cookie (double submit).</li>
 * </ul>
 */
final class AccessGuard {
    static final String XSRF_COOKIE = "_xsrf";
    static final String XSRF_HEADER = "X-XSRF-Token";
    static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");

    private final String boundHost;
    private final boolean loopback;
    private final boolean wildcard;
    private final Set<String> names;
    private final String token;
    private volatile int port;

    AccessGuard(String boundHost, List<String> allowHosts, String token) {
        this.boundHost = boundHost;
        this.token = token;
        InetAddress bound = address(boundHost);
        this.loopback = bound.isLoopbackAddress();
        this.wildcard = bound.isAnyLocalAddress();
        Set<String> n = new LinkedHashSet<>();
        n.add(hostName(boundHost));
        if (loopback || wildcard) {
            n.addAll(LOOPBACK_NAMES);
        }
        if (wildcard) {
            n.addAll(localAddresses());
        }
        for (String h : allowHosts) {
            n.add(hostName(h.strip()));
        }
        this.names = Collections.unmodifiableSet(n);
    }

    /** Loopback is any 127.0.0.0/8 address, ::1 or a name resolving to one (localhost), as InetAddress decides. */
    static boolean isLoopback(String host) {
        return address(host).isLoopbackAddress();
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("unknown host '" + host + "'");
        }
    }

    /** The name as it appears in a Host header: lower case, IPv6 literals in brackets. */
    private static String hostName(String h) {
        String s = h.toLowerCase(Locale.ROOT);
        return s.contains(":") && !s.startsWith("[") ? "[" + s + "]" : s;
    }

    private static Set<String> localAddresses() {
        Set<String> out = new LinkedHashSet<>();
        try {
            for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    String s = a.getHostAddress();
                    int zone = s.indexOf('%');
                    out.add(hostName(zone >= 0 ? s.substring(0, zone) : s));
                }
            }
            out.add(hostName(InetAddress.getLocalHost().getHostName()));
        } catch (SocketException | java.net.UnknownHostException e) {
            // without the interfaces, the loopback names and --allow-host still work
        }
        return out;
    }

    void port(int port) {
        this.port = port;
    }

    String token() {
        return token;
    }

    Set<String> hostNames() {
        return names;
    }

    /** The name of the token cookie: per port, since browsers share cookies between the ports of a host. */
    String tokenCookie() {
        return "scalefit-token-" + port;
    }

    static String newSecret() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * Runs before every request. Returns false when the guard answered it itself (a preflight, or the token
     * login redirect); throws {@link ApiException} to refuse.
     */
    boolean admit(Context ctx) {
        String host = checkHost(ctx);
        String own = "http://" + host;
        String method = ctx.method().toString().toUpperCase(Locale.ROOT);
        boolean api = ctx.path().equals(ApiServer.PREFIX) || ctx.path().startsWith(ApiServer.PREFIX + "/");
        if (method.equals("OPTIONS")) {
            preflight(ctx, own);
            return false;
        }
        boolean write = !method.equals("GET") && !method.equals("HEAD");
        if (write) {
            checkOrigin(ctx, own);
        }
        if (!api) {
            return page(ctx);
        }
        if (token != null) {
            checkToken(ctx, write);
        }
        return true;
    }

    private String checkHost(Context ctx) {
        String host = ctx.header("Host");
        if (host == null || host.isBlank()) {
            throw new ApiException(403, "the request has no Host header; this server answers only to "
                    + allowedList());
        }
        String h = host.strip().toLowerCase(Locale.ROOT);
        String name = h;
        String portText = null;
        int close = h.lastIndexOf(']');
        int colon = h.lastIndexOf(':');
        if (colon > close) {
            name = h.substring(0, colon);
            portText = h.substring(colon + 1);
        }
        boolean portOk = portText == null ? port == 80 : portText.equals(Integer.toString(port));
        if (!portOk || !names.contains(name)) {
            throw new ApiException(403, "this server does not answer to Host '" + host.strip() + "': it answers only"
                    + " to " + allowedList() + " (a page reaching it under another name is refused, against DNS"
                    + " rebinding); to reach it under that name, start it with --allow-host " + name);
        }
        return h;
    }

    private String allowedList() {
        return String.join(", ", names.stream().map(n -> n + ":" + port).toList());
    }

    private static void checkOrigin(Context ctx, String own) {
        String origin = ctx.header("Origin");
        if (origin != null && !origin.strip().equalsIgnoreCase(own)) {
            throw new ApiException(403, "cross-origin write refused: this request comes from a page at '" + origin
                    + "', not from this server (" + own + "); only this server's own page, or a client sending no"
                    + " Origin, may change its data");
        }
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            throw new ApiException(403, "cross-origin write refused: the browser reports this request as "
                    + site + " (Sec-Fetch-Site); only this server's own page may change its data");
        }
    }

    /** Preflights: the own origin gets exactly what the page uses; any other gets 403 and no CORS headers. */
    private static void preflight(Context ctx, String own) {
        String origin = ctx.header("Origin");
        if (origin == null || !origin.strip().equalsIgnoreCase(own)) {
            throw new ApiException(403, "cross-origin requests are refused: this server shares nothing with pages"
                    + " of other origins" + (origin == null ? "" : " (this one is from '" + origin + "')"));
        }
        ctx.header("Access-Control-Allow-Origin", own);
        ctx.header("Access-Control-Allow-Methods", "GET, POST, DELETE");
        ctx.header("Access-Control-Allow-Headers", "Content-Type, Authorization, " + XSRF_HEADER);
        ctx.header("Vary", "Origin");
        ctx.status(204);
    }

    /** The page: ?token= becomes the cookie and a redirect to the clean address; every page view gets an _xsrf cookie. */
    private boolean page(Context ctx) {
        if (ctx.cookie(XSRF_COOKIE) == null) {
            ctx.res().addHeader("Set-Cookie", XSRF_COOKIE + "=" + newSecret() + "; Path=/; SameSite=Strict");
        }
        String given = ctx.queryParam("token");
        if (given == null) {
            return true;
        }
        if (token == null || !equal(given, token)) {
            throw new ApiException(401, token == null ? "this server needs no token; open it without ?token="
                    : "the token in the address does not match the one this server printed at start");
        }
        ctx.res().addHeader("Set-Cookie", tokenCookie() + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
        ctx.redirect(ctx.path());
        return false;
    }

    private void checkToken(Context ctx, boolean write) {
        String given = ctx.header("Authorization");
        if (given != null && given.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (!equal(given.substring(7).strip(), token)) {
                throw new ApiException(401, "the token does not match the one this server printed at start");
            }
            return;
        }
        String cookie = ctx.cookie(tokenCookie());
        if (cookie == null) {
            throw new ApiException(401, "this server needs its token for every API request: send 'Authorization:"
                    + " Bearer TOKEN', or open the address with ?token=TOKEN that it printed at start");
        }
        if (!equal(cookie, token)) {
            throw new ApiException(401, "the token does not match the one this server printed at start; open the"
                    + " address it printed again");
        }
        if (write) {
            String header = ctx.header(XSRF_HEADER);
            String xsrf = ctx.cookie(XSRF_COOKIE);
            if (header == null || xsrf == null || xsrf.isEmpty() || !equal(header, xsrf)) {
                throw new ApiException(403, "a write authenticated by the token cookie needs the " + XSRF_HEADER
                        + " header equal to the " + XSRF_COOKIE + " cookie (the page sends it); reload the page");
            }
        }
    }

    /** Constant-time comparison, so the time an answer takes says nothing about how much of a secret matched. */
    static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    String boundHost() {
        return boundHost;
    }

    boolean loopback() {
        return loopback;
    }
}
