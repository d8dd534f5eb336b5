package org.scalefit.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @Test
    void replacesTheWholeFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("fit.json");
        Files.writeString(f, "old, and longer than the new content");
        AtomicFiles.write(f, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(f)).isEqualTo("new");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("fit.json");
        }
    }

    @Test
    void aMissingFolderIsAnErrorAndIsNotCreated(@TempDir Path dir) {
        Path f = dir.resolve("no-such-folder").resolve("fit.json");
        assertThatThrownBy(() -> AtomicFiles.write(f, new byte[] {1}))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("does not exist");
        assertThat(dir.resolve("no-such-folder")).doesNotExist();
    }
}
