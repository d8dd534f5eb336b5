package org.scalefit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The launcher and the class-data-sharing archive the CLI's build makes (this module is built after it, so both
 * are there): the archive maps on this JVM, and the launcher that uses it prints exactly what the command prints.
 */
class LauncherTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("scalefit-cli/target/scalefit.jar");
    private static final Path ARCHIVE = ROOT.resolve("scalefit-cli/target/scalefit.jsa");

    private record Run(int exit, String out, String err) {
    }

    private static Run run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void theArchiveMapsOnThisJvm() throws Exception {
        assertThat(ARCHIVE).as("made by the CLI's package phase").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // -Xshare:on makes a JVM that cannot map the archive fail instead of ignoring it
        Run r = run(List.of(java, "-Xshare:on", "-XX:SharedArchiveFile=" + ARCHIVE, "-jar", JAR.toString(), "--version"));
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("scalefit ");
    }

    @Test
    void theLauncherPrintsOnlyWhatTheCommandPrints() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Run direct = run(List.of(java, "-jar", JAR.toString(), "laws", "--json"));
        List<String> launcher = new ArrayList<>(List.of("bash", ROOT.resolve("scalefit").toString(), "laws", "--json"));
        Run viaLauncher = run(launcher);
        assertThat(viaLauncher.exit()).as(viaLauncher.err()).isZero();
        assertThat(viaLauncher.err()).isEmpty();
        assertThat(viaLauncher.out()).isEqualTo(direct.out());
        // an archive this JVM cannot use (here: not an archive at all) is ignored without a word
        Path bad = Files.createTempFile("not-an-archive", ".jsa");
        try {
            Files.writeString(bad, "not a class-data-sharing archive");
            Run ignored = run(List.of(java, "-XX:SharedArchiveFile=" + bad, "-Xlog:cds*=off", "-jar", JAR.toString(),
                    "--version"));
            assertThat(ignored.exit()).isZero();
            assertThat(ignored.err()).isEmpty();
            assertThat(ignored.out()).startsWith("scalefit ");
        } finally {
            Files.deleteIfExists(bad);
        }
    }
}
