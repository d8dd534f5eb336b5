package org.scalefit.core.law;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The published laws, by the short ids the command line uses: law files shipped as resources (one file per
 * paper or family, listed in {@code catalogue/INDEX}), in the format a user writes for {@code --law-file}.
 * The build compiles them into one image ({@link CatalogueImage}); a law is rebuilt from it the first time it is
 * asked for, so a command pays only for the laws it uses and listing the catalogue builds none.
 */
public final class LawCatalogue {
    static final String DIRECTORY = "catalogue/";

    private LawCatalogue() {
    }

    // the holder idiom: read on first use, once, thread-safely
    private static final class Loaded {
        static final List<String> FILES;
        static final Map<String, CatalogueImage.Entry> ENTRIES = new LinkedHashMap<>();
        static final Map<String, Procedure> PROCEDURES = new LinkedHashMap<>();
        static final Map<String, Law> BUILT = new java.util.concurrent.ConcurrentHashMap<>();

        static {
            CatalogueImage.Image image = image();
            FILES = List.copyOf(image.files());
            for (CatalogueImage.Entry e : image.laws()) {
                unique(e.listing().id());
                ENTRIES.put(e.listing().id(), e);
            }
            for (Procedure p : image.procedures()) {
                unique(p.id());
                PROCEDURES.put(p.id(), p);
            }
        }

        private static void unique(String id) {
            if (ENTRIES.containsKey(id) || PROCEDURES.containsKey(id)) {
                throw new IllegalStateException("the id " + id + " is used twice in the law catalogue");
            }
        }
    }

    public static List<Law> all() {
        List<Law> out = new ArrayList<>();
        for (String id : Loaded.ENTRIES.keySet()) {
            out.add(build(id));
        }
        return out;
    }

    public static List<String> ids() {
        return new ArrayList<>(Loaded.ENTRIES.keySet());
    }

    /** What the list of laws shows, without building any law. */
    public static List<CatalogueImage.Listing> listing() {
        List<CatalogueImage.Listing> out = new ArrayList<>();
        Loaded.ENTRIES.values().forEach(e -> out.add(e.listing()));
        return out;
    }

    /** The published methods that are not laws, each saying where it is done (or that it is not yet). */
    public static List<Procedure> procedures() {
        return new ArrayList<>(Loaded.PROCEDURES.values());
    }

    /** The catalogue's files, as listed in its index (for the tests that check every one). */
    public static List<String> files() {
        return Loaded.FILES;
    }

    public static Optional<Law> find(String id) {
        return Loaded.ENTRIES.containsKey(id) ? Optional.of(build(id)) : Optional.empty();
    }

    /** The law with this id, or an error listing the known ids (and saying so when the id is a procedure). */
    public static Law get(String id) {
        if (!Loaded.ENTRIES.containsKey(id)) {
            Procedure p = Loaded.PROCEDURES.get(id);
            if (p != null) {
                throw new IllegalArgumentException("'" + id + "' (" + p.name() + ") is a method, not a law with"
                        + " parameters: " + p.howTo());
            }
            throw new IllegalArgumentException("unknown law '" + id + "'" + didYouMean(id) + " ('scalefit laws' lists"
                    + " all " + Loaded.ENTRIES.size() + "; or give your own with --formula or --law-file)");
        }
        return build(id);
    }

    /**
     * "; did you mean chinchilla?" for the ids within two edits of {@code id} or starting with it (at most five),
     * or "" when none is close: the catalogue is too long to list in a message.
     */
    public static String didYouMean(String id) {
        List<String> near = new ArrayList<>();
        List<String> all = new ArrayList<>(Loaded.ENTRIES.keySet());
        all.addAll(Loaded.PROCEDURES.keySet());
        for (String known : all) {
            if (near.size() < 5 && (distance(id, known) <= 2 || (id.length() >= 3 && known.startsWith(id)))) {
                near.add(known);
            }
        }
        return near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static Law build(String id) {
        return Loaded.BUILT.computeIfAbsent(id, k -> CatalogueImage.law(Loaded.ENTRIES.get(k).law()));
    }

    /** The file names of an index's text: one per line, '#' comments and blank lines skipped. */
    static List<String> index(String text) {
        List<String> files = new ArrayList<>();
        for (String line : text.split("\n")) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                files.add(s);
            }
        }
        return files;
    }

    // the build's image; without one (classes compiled outside Maven) the law files themselves
    private static CatalogueImage.Image image() {
        try (InputStream in = LawCatalogue.class.getResourceAsStream(CatalogueImage.RESOURCE)) {
            if (in != null) {
                return CatalogueImage.read(new DataInputStream(new java.io.BufferedInputStream(in)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parsed();
    }

    /** The catalogue parsed from its law files (what the image is built from, and what a test compares it with). */
    static CatalogueImage.Image parsed() {
        try {
            return CatalogueImage.read(new DataInputStream(new java.io.ByteArrayInputStream(
                    CatalogueImage.compile(LawCatalogue::resource))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = LawCatalogue.class.getResourceAsStream(DIRECTORY + name)) {
            if (in == null) {
                throw new IllegalStateException("the law catalogue's file " + DIRECTORY + name + " is missing from"
                        + " the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
