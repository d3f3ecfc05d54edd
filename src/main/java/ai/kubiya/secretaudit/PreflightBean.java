package ai.kubiya.secretaudit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A configuration or component that the pre-flight context creates as well (with every configuration record), so
 * that a bad value in it stops the command before PostgreSQL starts (cli/Preflight). What it creates must need no
 * database, no network and nothing written: the pre-flight context is thrown away once checked.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface PreflightBean {
}
