package ai.kubiya.secretaudit.cli;

import ai.kubiya.secretaudit.PreflightBean;
import ai.kubiya.secretaudit.SecretRotationAuditConfiguration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The classes the {@link Preflight} needs: the configuration records (whose keys {@link UnknownConfigurationKeys}
 * knows) and the {@link PreflightBean}s. One class-path scan, 0.4–0.9 s in the packaged jar on 2 busy cores,
 * started on a thread of its own when the command line starts, so that it runs while picocli and Spring Boot load.
 */
record ApplicationClasses(List<Class<?>> records, List<Class<?>> preflightBeans) {

    private static final CompletableFuture<ApplicationClasses> SCAN = startAfterLogging();

    /** Starts the scan (the first use of this class does), if it has not started yet. */
    static void startScan() {
        SCAN.isDone();
    }

    /**
     * SLF4J starts on the first logging call; made by the scan (Spring logs through it) while the main thread starts
     * it too, the scan's calls are held back and SLF4J reports them on stderr ("A number (4) of logging calls during
     * the initialization phase have been intercepted…", about one start in 12). Started here first, on the calling
     * thread, it is ready when the scan logs: 30–160 ms (measured on 2 busy cores) that the command line would spend
     * on it a moment later anyway. 15 starts of the packaged jar in a row then printed nothing from SLF4J.
     */
    private static CompletableFuture<ApplicationClasses> startAfterLogging() {
        LoggerFactory.getILoggerFactory();
        return CompletableFuture.supplyAsync(ApplicationClasses::scan);
    }

    static ApplicationClasses get() {
        try {
            return SCAN.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static ApplicationClasses scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        scanner.addIncludeFilter(new AnnotationTypeFilter(PreflightBean.class));
        List<Class<?>> records = new ArrayList<>();
        List<Class<?>> preflightBeans = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(
                SecretRotationAuditConfiguration.class.getPackageName())) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(),
                    ApplicationClasses.class.getClassLoader());
            (type.isAnnotationPresent(PreflightBean.class) ? preflightBeans : records).add(type);
        }
        return new ApplicationClasses(List.copyOf(records), List.copyOf(preflightBeans));
    }
}
