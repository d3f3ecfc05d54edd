package ai.kubiya.secretaudit.finding;

import java.util.function.Consumer;

/**
 * Rows pushed one at a time (typically straight from a JDBC cursor), so a sheet of a million rows
 * never sits in memory.
 */
@FunctionalInterface
public interface RowSource<T> {

    void forEach(Consumer<? super T> sink);
}
