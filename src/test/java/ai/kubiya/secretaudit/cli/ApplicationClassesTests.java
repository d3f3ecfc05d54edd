package ai.kubiya.secretaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The class-path scan that starts with the command line runs on a thread of its own; if it made SLF4J's first
 * logging call while the main thread was starting SLF4J too, SLF4J printed "A number (4) of logging calls during
 * the initialization phase have been intercepted…" on stderr (about one start in 12 of the packaged jar).
 */
class ApplicationClassesTests {

    @Test
    void loggingIsReadyBeforeTheBackgroundScanStarts() throws Exception {
        // a class loader of its own: in this test JVM, SLF4J started long ago
        try (URLClassLoader fresh = new URLClassLoader(classPath(), ClassLoader.getPlatformClassLoader())) {
            Class<?> classes = Class.forName(ApplicationClasses.class.getName(), false, fresh);

            call(classes, "startScan");

            Class<?> slf4j = Class.forName("org.slf4j.LoggerFactory", false, fresh);
            assertThat(constant(slf4j, "INITIALIZATION_STATE")).as("SLF4J's state when the scan has just started")
                    .isEqualTo(constant(slf4j, "SUCCESSFUL_INITIALIZATION"));
            call(classes, "get"); // the scan ends before its class loader closes
        }
    }

    private static void call(Class<?> type, String name) throws ReflectiveOperationException {
        Method method = type.getDeclaredMethod(name);
        method.setAccessible(true);
        method.invoke(null);
    }

    private static int constant(Class<?> type, String name) throws ReflectiveOperationException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.getInt(null);
    }

    private static URL[] classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).map(entry -> {
            try {
                return Path.of(entry).toUri().toURL();
            } catch (java.net.MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(URL[]::new);
    }
}
