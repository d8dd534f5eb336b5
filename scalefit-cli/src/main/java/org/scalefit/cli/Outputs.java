package org.scalefit.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.scalefit.core.data.AtomicFiles;

/**
 * The files one command writes. Every target is checked when the command starts (its folder exists and is
 * writable, it is not itself a folder, its name ends as the format needs, no two options name the same file),
 * the contents are made in memory, and only then is each written atomically: a failing command leaves no file.
 */
final class Outputs {
    private final Map<Path, String> targets = new LinkedHashMap<>();
    private final Map<Path, byte[]> contents = new LinkedHashMap<>();

    /** Checks {@code file} (null: not asked for) for {@code option}; {@code endings} empty means any name. */
    Path target(Path file, String option, String... endings) {
        if (file == null) {
            return null;
        }
        String where = option + " " + file;
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(where + ": is a folder; give a file name");
        }
        if (endings.length > 0 && !List.of(endings).stream().anyMatch(name::endsWith)) {
            throw new IllegalArgumentException(where + ": the file name must end in " + String.join(" or ", endings));
        }
        folder(file.getParent() != null ? file.getParent() : Path.of("."), where);
        Path key = file.toAbsolutePath().normalize();
        String other = targets.putIfAbsent(key, option);
        if (other != null) {
            throw new IllegalArgumentException(where + ": the same file as " + other + "; give each output its own file");
        }
        return file;
    }

    /** Checks that {@code dir} (for {@code option}, e.g. --png DIR) is an existing, writable folder. */
    Path folder(Path dir, String option) {
        if (dir != null) {
            String where = option.contains(" ") ? option : option + " " + dir;
            if (!Files.exists(dir)) {
                throw new IllegalArgumentException(where + ": the folder " + dir + " does not exist (create it first)");
            }
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException(where + ": " + dir + " is a file, not a folder");
            }
            if (!Files.isWritable(dir)) {
                throw new IllegalArgumentException(where + ": cannot write into the folder " + dir);
            }
        }
        return dir;
    }

    /** Content for a target checked before. */
    void put(Path file, byte[] content) {
        if (!targets.containsKey(file.toAbsolutePath().normalize())) {
            throw new IllegalStateException("output " + file + " was not checked before it was made");
        }
        contents.put(file, content);
    }

    void put(Path file, String text) {
        put(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON document as saved files hold it: indented, one final newline. */
    void putJson(Path file, tools.jackson.databind.JsonNode node) {
        put(file, Json.write(node) + "\n");
    }

    /** Writes every content made, each atomically, in the order the targets were checked. */
    void writeAll() throws IOException {
        for (Map.Entry<Path, byte[]> e : contents.entrySet()) {
            AtomicFiles.write(e.getKey(), e.getValue());
        }
    }
}
