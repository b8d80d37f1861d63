package dev.tourniquet.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MotoServerLauncherTest {
    @TempDir
    Path dir;

    @Test
    void aConsoleScript_isRunByItsInterpreter_throughTheCorrectedLauncher() throws IOException {
        Path script = script("#!/work/project/.venv/bin/python3\nfrom moto.server import main\n");

        List<String> command = MotoServer.launcher(script);

        assertThat(command).hasSize(3);
        assertThat(command.subList(0, 2)).containsExactly("/work/project/.venv/bin/python3", "-c");
        assertThat(command.get(2)).contains("iam.Policy.update_default_version = update_default_version")
                .contains("from moto.server import main");
    }

    @Test
    void anEnvShebang_namesTheInterpreterByItsSecondWord() throws IOException {
        assertThat(MotoServer.launcher(script("#!/usr/bin/env python3\n")).get(0)).isEqualTo("python3");
    }

    @Test
    void anExecutableThatIsNoPythonScript_isRunAsItIs() throws IOException {
        Path binary = script("\u007fELF\u0002\u0001");

        assertThat(MotoServer.launcher(binary)).containsExactly(binary.toString());
    }

    private Path script(String text) throws IOException {
        return Files.writeString(dir.resolve("moto_server"), text);
    }
}
