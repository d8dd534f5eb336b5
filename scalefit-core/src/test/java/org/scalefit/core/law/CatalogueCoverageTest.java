package org.scalefit.core.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The catalogue covers ../shared/laws/catalogue.json: every entry is a law or a listed method, every published
 * coefficient set there is transcribed by a set here that names it ({@code catalogue: ENTRY / LABEL[ / KEY...]}),
 * with the same values where the names agree (to 5e-4 relative: catalogue.json prints some values to four or
 * five digits where the law file keeps the source's full precision), and every entry with published numbers has
 * at least one usable set.
 */
class CatalogueCoverageTest {
    // sets of uncertainties, not of coefficients
    private static final Pattern NOT_COEFFICIENTS = Pattern.compile("(?i).*(standard.?error|\\bCI\\b|95|bootstrap|"
            + "\\bSE\\b).*");
    private static final double VALUE_TOLERANCE = 5e-4;

    private static List<Map<String, Object>> entries;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        Path file = Path.of(System.getProperty("scalefit.shared", "../../shared")).resolve("laws/catalogue.json");
        if (!Files.exists(file)) {
            fail("../shared not found (expected " + file.toAbsolutePath() + "): clone the project beside its shared/"
                    + " folder, or set -Dscalefit.shared=DIR");
        }
        // catalogue.json is JSON, which is YAML 1.2: the law files' own parser reads it
        entries = (List<Map<String, Object>>) new Load(LoadSettings.builder().setCodePointLimit(64 << 20).build())
                .loadFromString(Files.readString(file));
    }

    private static Set<String> ours() {
        Set<String> ids = new LinkedHashSet<>();
        LawCatalogue.all().forEach(l -> ids.add(l.description().entry()));
        LawCatalogue.procedures().forEach(p -> ids.add(p.entry()));
        return ids;
    }

    @Test
    void everyEntryIsALawOrAListedMethod() {
        List<String> missing = new ArrayList<>();
        Set<String> shared = new LinkedHashSet<>();
        for (Map<String, Object> e : entries) {
            shared.add((String) e.get("id"));
            if (!ours().contains((String) e.get("id"))) {
                missing.add((String) e.get("id"));
            }
        }
        assertThat(missing).as("catalogue.json entries with no law or method here").isEmpty();
        assertThat(shared).as("every entry named here exists in catalogue.json").containsAll(ours());
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPublishedSetIsTranscribedWithItsValues() {
        Map<String, CoefficientSet> byPath = new LinkedHashMap<>();
        Map<String, Law> lawOf = new LinkedHashMap<>();
        for (Law law : LawCatalogue.all()) {
            for (CoefficientSet c : law.published()) {
                if (!c.catalogue().isEmpty()) {
                    assertThat(c.catalogue()).as(law.id() + " " + c.label() + " names its entry")
                            .startsWith(law.description().entry() + " / ");
                    byPath.put(c.catalogue(), c);
                    lawOf.put(c.catalogue(), law);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (Map<String, Object> e : entries) {
            String id = (String) e.get("id");
            Object sets = e.get("coefficient_sets");
            if (!(sets instanceof List)) {
                continue;
            }
            for (Map<String, Object> set : (List<Map<String, Object>>) sets) {
                String label = String.valueOf(set.get("label"));
                if (NOT_COEFFICIENTS.matcher(label).matches()) {
                    continue;
                }
                for (Map.Entry<String, Map<String, Object>> leaf : leaves(id + " / " + label, set).entrySet()) {
                    if (notTranscribed().contains(leaf.getKey())) {
                        continue;
                    }
                    CoefficientSet ours = byPath.get(leaf.getKey());
                    if (ours == null) {
                        missing.add(leaf.getKey());
                        continue;
                    }
                    for (Map.Entry<String, Object> v : leaf.getValue().entrySet()) {
                        Double mine = ours.values().get(v.getKey());
                        if (mine != null && v.getValue() instanceof Number n) {
                            double want = n.doubleValue();
                            assertThat(Math.abs(mine - want)).as(leaf.getKey() + " " + v.getKey() + " (law "
                                    + lawOf.get(leaf.getKey()).id() + ": " + mine + ", catalogue.json: " + want + ")")
                                    .isLessThanOrEqualTo(VALUE_TOLERANCE * Math.abs(want));
                        }
                    }
                }
            }
        }
        assertThat(missing).as("catalogue.json coefficient sets no law transcribes (catalogue: ENTRY / LABEL ...)")
                .isEmpty();
    }

    /**
     * catalogue.json sets that are not a law's coefficients (tables of allocations, sequences of one exponent
     * under several settings, goodness of fit), each with the reason, in {@code not-transcribed.txt}.
     */
    static Set<String> notTranscribed() {
        Set<String> out = new LinkedHashSet<>();
        try (java.io.InputStream in = CatalogueCoverageTest.class.getResourceAsStream("not-transcribed.txt")) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    int because = s.indexOf(" -- ");
                    if (because < 0) {
                        fail("not-transcribed.txt: '" + s + "' needs PATH -- REASON");
                    }
                    out.add(s.substring(0, because).strip());
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    /** Entries with published numbers but no coefficient_sets list: some law of the entry has a set. */
    @Test
    @SuppressWarnings("unchecked")
    void everyEntryWithPublishedNumbersHasAUsableSet() {
        Set<String> withSets = new LinkedHashSet<>();
        LawCatalogue.all().stream().filter(l -> !l.published().isEmpty())
                .forEach(l -> withSets.add(l.description().entry()));
        Set<String> procedures = new LinkedHashSet<>();
        LawCatalogue.procedures().forEach(p -> procedures.add(p.entry()));
        List<String> missing = new ArrayList<>();
        for (Map<String, Object> e : entries) {
            String id = (String) e.get("id");
            boolean numbers = false;
            for (Map<String, Object> p : (List<Map<String, Object>>) e.getOrDefault("parameters", List.of())) {
                numbers |= p.get("value") instanceof Number && !"NOT FOUND".equals(p.get("flag"));
            }
            if (numbers && !withSets.contains(id) && !procedures.contains(id)
                    && !notTranscribed().contains(id + " / parameters")) {
                missing.add(id);
            }
        }
        assertThat(missing).as("entries with published numbers but no coefficient set here").isEmpty();
    }

    /**
     * The sets a catalogue.json set holds, by path: its flat "values" (the set itself), nested values (one set
     * per key), or "rows" (one set per row and column).
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> leaves(String path, Map<String, Object> set) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Object values = set.get("values");
        if (values instanceof Map<?, ?> m) {
            boolean nested = !m.isEmpty() && m.values().stream().allMatch(v -> v instanceof Map);
            if (nested) {
                ((Map<String, Map<String, Object>>) values).forEach((k, v) -> out.put(path + " / " + k, v));
            } else {
                out.put(path, (Map<String, Object>) values);
            }
        } else if (set.get("rows") instanceof List<?> rows) {
            for (Object r : rows) {
                Map<String, Object> row = (Map<String, Object>) r;
                String rowLabel = String.valueOf(row.get("label"));
                row.forEach((column, cell) -> {
                    // a cell is a published law written out, e.g. "3.12 + (N/8.0e1)^-0.24"; some are notes
                    if (!column.equals("label") && cell instanceof String s && s.matches(".*\\d.*")
                            && !s.startsWith("(combined")) {
                        out.put(path + " / " + rowLabel + " / " + column, Map.of());
                    }
                });
            }
        }
        return out;
    }
}
