package ai.kubiya.secretaudit.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ExportStreamingTests {

    @Test
    void aMillionFindingsAreWrittenInEveryFormatWithin32MbOfHeap() throws Exception {
        // given: a JVM allowed 32 MB of heap, and output many times that (measured: CSV 230 MB, JSON 513 MB, OCSF 1.77 GB)
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), ExportStreamingProbe.class.getName(), "1000000");

        // when
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean exited = probe.waitFor(120, TimeUnit.SECONDS);

        // then
        assertThat(exited).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();
        for (String writer : List.of("CsvFindingsWriter", "JsonFindingsWriter", "OcsfFindingsWriter")) {
            Matcher bytes = Pattern.compile(writer + "=(\\d+)").matcher(output);
            assertThat(bytes.find()).as(output).isTrue();
            assertThat(Long.parseLong(bytes.group(1))).as(writer).isGreaterThan(100L * 1024 * 1024);
        }
    }
}
