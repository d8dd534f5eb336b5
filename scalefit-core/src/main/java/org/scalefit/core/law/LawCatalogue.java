package org.scalefit.core.law;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The published laws, by the short ids the command line uses: law files shipped as resources (one file per
 * paper or family, listed in {@code catalogue/INDEX}), in the format a user writes for {@code --law-file}.
 * Read once, on first use, so a command that never names a law never pays for them.
 */
public final class LawCatalogue {
    static final String DIRECTORY = "catalogue/";

    private LawCatalogue() {
    }

    // the holder idiom: loaded on first use, once, thread-safely
    private static final class Loaded {
        static final Map<String, Law> LAWS;
        static final Map<String, Procedure> PROCEDURES;
        static final List<String> FILES;

        static {
            Map<String, Law> laws = new LinkedHashMap<>();
            Map<String, Procedure> procedures = new LinkedHashMap<>();
            List<String> files = index();
            for (String file : files) {
                LawFile.Contents c = LawFile.parse(resource(file), "catalogue/" + file);
                for (Law law : c.laws()) {
                    unique(laws, procedures, law.id(), file);
                    laws.put(law.id(), law);
                }
                for (Procedure p : c.procedures()) {
                    unique(laws, procedures, p.id(), file);
                    procedures.put(p.id(), p);
                }
            }
            LAWS = Collections.unmodifiableMap(laws);
            PROCEDURES = Collections.unmodifiableMap(procedures);
            FILES = List.copyOf(files);
        }
    }

    public static List<Law> all() {
        return new ArrayList<>(Loaded.LAWS.values());
    }

    public static List<String> ids() {
        return new ArrayList<>(Loaded.LAWS.keySet());
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
        return Optional.ofNullable(Loaded.LAWS.get(id));
    }

    /** The law with this id, or an error listing the known ids (and saying so when the id is a procedure). */
    public static Law get(String id) {
        Law law = Loaded.LAWS.get(id);
        if (law == null) {
            Procedure p = Loaded.PROCEDURES.get(id);
            if (p != null) {
                throw new IllegalArgumentException("'" + id + "' (" + p.name() + ") is a method, not a law with"
                        + " parameters: " + p.howTo());
            }
            throw new IllegalArgumentException("unknown law '" + id + "'; known laws: "
                    + String.join(", ", Loaded.LAWS.keySet()) + " (or give your own with --formula or --law-file)");
        }
        return law;
    }

    private static void unique(Map<String, Law> laws, Map<String, Procedure> procedures, String id, String file) {
        if (laws.containsKey(id) || procedures.containsKey(id)) {
            throw new IllegalStateException("catalogue/" + file + ": the id " + id + " is used twice in the catalogue");
        }
    }

    private static List<String> index() {
        List<String> files = new ArrayList<>();
        for (String line : resource("INDEX").split("\n")) {
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#")) {
                files.add(s);
            }
        }
        return files;
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
