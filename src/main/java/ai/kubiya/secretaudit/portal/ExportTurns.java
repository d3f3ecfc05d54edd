package ai.kubiya.secretaudit.portal;

import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * Exports that read the database at once (streamed to a client, or written into {@link StoredExports}): fewer than half
 * the pool (4 of the default 10; 1 of the embedded database's 4, which a run in the same process shares). Each holds a
 * pooled connection for as long as it reads, a minute for a 1,000,000-finding OCSF file: with one each, 8 downloads
 * (Spring MVC's 8 streaming threads) left 40 auditors' findings pages 2 connections, p99 9 s (bench/portal-load.sh at
 * 100,000). One past these waits for a turn holding none.
 */
final class ExportTurns {

    private final Semaphore turns;

    ExportTurns(int poolSize) {
        this.turns = new Semaphore(count(poolSize), true);
    }

    static int count(int poolSize) {
        return Math.max(1, poolSize / 2 - 1);
    }

    /** Runs the read in a turn. */
    void run(Read read) throws IOException {
        try {
            turns.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("stopped while the export waited for its turn", e);
        }
        try {
            read.run();
        } finally {
            turns.release();
        }
    }

    @FunctionalInterface
    interface Read {
        void run() throws IOException;
    }
}
