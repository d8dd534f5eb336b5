package org.scalefit.core.law;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalogue's law files, checked and compiled at build time into one compact binary resource, so that a
 * command reads the catalogue without a YAML parser and builds only the laws it uses (a law's formula is parsed
 * when the law is first asked for). The law files stay the source; {@link #main} writes the image from them
 * in the build (scalefit-core's pom), and a test checks that the image and a fresh parse of the files agree.
 */
public final class CatalogueImage {
    static final String RESOURCE = "catalogue.bin";
    private static final int MAGIC = 0x53464331; // "SFC1"

    /** What a command lists without building the law: its id, target, variables, name and number of sets. */
    public record Listing(String id, String target, List<String> variables, String name, int sets) {
        public static Listing of(Law law) {
            return new Listing(law.id(), law.target(), law.variables(), law.name(), law.published().size());
        }
    }

    /** One law as the image holds it: its listing and the bytes it is rebuilt from. */
    record Entry(Listing listing, byte[] law) {
    }

    record Image(List<String> files, List<Entry> laws, List<Procedure> procedures) {
    }

    private CatalogueImage() {
    }

    /** Build step: {@code main(CATALOGUE_DIR, OUTPUT_FILE)} parses every file of the index and writes the image. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        byte[] image = compile(name -> {
            try {
                return Files.readString(dir.resolve(name));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Path out = Path.of(args[1]);
        Files.createDirectories(out.getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.write(tmp, image);
        Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The image of the catalogue whose INDEX and files {@code read} gives by name, each file checked as it is parsed. */
    static byte[] compile(java.util.function.Function<String, String> read) throws IOException {
        List<String> files = LawCatalogue.index(read.apply("INDEX"));
        List<Law> laws = new ArrayList<>();
        List<Procedure> procedures = new ArrayList<>();
        for (String f : files) {
            LawFile.Contents c = LawFile.parse(read.apply(f), "catalogue/" + f);
            laws.addAll(c.laws());
            procedures.addAll(c.procedures());
        }
        return write(files, laws, procedures);
    }

    static byte[] write(List<String> files, List<Law> laws, List<Procedure> procedures) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(MAGIC);
        strings(out, files);
        out.writeInt(laws.size());
        for (Law law : laws) {
            Listing l = Listing.of(law);
            text(out, l.id());
            text(out, l.target());
            strings(out, l.variables());
            text(out, l.name());
            out.writeInt(l.sets());
            byte[] body = law(law);
            out.writeInt(body.length);
            out.write(body);
        }
        out.writeInt(procedures.size());
        for (Procedure p : procedures) {
            text(out, p.id());
            text(out, p.name());
            text(out, p.citation());
            text(out, p.entry());
            text(out, p.howTo());
        }
        out.flush();
        return bytes.toByteArray();
    }

    static Image read(DataInputStream in) throws IOException {
        if (in.readInt() != MAGIC) {
            throw new IOException("not a scalefit catalogue image");
        }
        List<String> files = strings(in);
        int n = in.readInt();
        List<Entry> laws = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Listing l = new Listing(text(in), text(in), strings(in), text(in), in.readInt());
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            laws.add(new Entry(l, body));
        }
        int m = in.readInt();
        List<Procedure> procedures = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            procedures.add(new Procedure(text(in), text(in), text(in), text(in), text(in)));
        }
        return new Image(files, laws, procedures);
    }

    private static byte[] law(Law law) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        text(out, law.id());
        text(out, law.formula());
        text(out, law.name());
        text(out, law.target());
        text(out, law.citation());
        LawDescription d = law.description();
        text(out, d.entry());
        text(out, d.formula());
        text(out, d.validity());
        text(out, d.notes());
        out.writeInt(d.variables().size());
        for (LawDescription.Variable v : d.variables()) {
            text(out, v.name());
            text(out, v.meaning());
            text(out, v.unit());
            out.writeDouble(v.low());
            out.writeDouble(v.high());
        }
        out.writeInt(d.defines().size());
        for (LawDescription.Define def : d.defines()) {
            text(out, def.name());
            text(out, def.expression());
        }
        out.writeInt(law.parameters().size());
        for (Parameter p : law.parameters()) {
            text(out, p.name());
            out.writeDouble(p.lower());
            out.writeDouble(p.upper());
            out.writeBoolean(p.scale() == Scale.LOG);
            double[] grid = p.grid();
            out.writeInt(grid.length);
            for (double g : grid) {
                out.writeDouble(g);
            }
            text(out, p.meaning());
        }
        out.writeInt(law.published().size());
        for (CoefficientSet c : law.published()) {
            text(out, c.label());
            text(out, c.source());
            text(out, c.flag());
            text(out, c.catalogue());
            out.writeInt(c.values().size());
            for (Map.Entry<String, Double> e : c.values().entrySet()) {
                text(out, e.getKey());
                out.writeDouble(e.getValue());
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** The law an entry holds, parsed and checked as the builder checks every law. */
    static Law law(byte[] body) {
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(body))) {
            String id = text(in);
            String formula = text(in);
            Law.Builder b = Law.builder(id, formula).name(text(in)).target(text(in)).citation(text(in));
            String entry = text(in);
            String written = text(in);
            String validity = text(in);
            String notes = text(in);
            List<LawDescription.Variable> vars = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                vars.add(new LawDescription.Variable(text(in), text(in), text(in), in.readDouble(), in.readDouble()));
            }
            List<LawDescription.Define> defines = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                defines.add(new LawDescription.Define(text(in), text(in)));
            }
            b.description(new LawDescription(entry, vars, defines, written, validity, notes));
            for (int i = in.readInt(); i > 0; i--) {
                String name = text(in);
                double lo = in.readDouble();
                double hi = in.readDouble();
                Scale scale = in.readBoolean() ? Scale.LOG : Scale.LINEAR;
                double[] grid = new double[in.readInt()];
                for (int k = 0; k < grid.length; k++) {
                    grid[k] = in.readDouble();
                }
                b.parameter(new Parameter(name, lo, hi, scale, grid, text(in)));
            }
            for (int i = in.readInt(); i > 0; i--) {
                String label = text(in);
                String source = text(in);
                String flag = text(in);
                String catalogue = text(in);
                Map<String, Double> values = new LinkedHashMap<>();
                for (int k = in.readInt(); k > 0; k--) {
                    values.put(text(in), in.readDouble());
                }
                b.published(new CoefficientSet(label, values, source, flag, catalogue));
            }
            return b.build();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String text(DataInputStream in) throws IOException {
        byte[] b = new byte[in.readInt()];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void strings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            text(out, s);
        }
    }

    private static List<String> strings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(text(in));
        }
        return out;
    }
}
