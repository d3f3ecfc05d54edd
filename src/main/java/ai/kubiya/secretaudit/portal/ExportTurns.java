package ai.kubiya.secretaudit.portal;

import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * Exports that read the database at once (written into {@link StoredExports}, or streamed to a client when one cannot
 * be stored): a quarter of the pool (2 of the default 10, which a run shares when the daemon serves the portal too).
 * Each holds a pooled connection for as long as it reads, a minute for a 1,000,000-finding OCSF file, longer when
 * downloads are paced: with one each, 8 downloads (Spring MVC's 8 streaming threads) left 40 auditors' findings pages
 * 2 connections, p99 9 s (bench/portal-load.sh at 100,000). Since exports are stored, a run and format is read once,
 * so few turns are enough. One past these waits for a turn holding none.
 */
final class ExportTurns {

    private final Semaphore turns;

    ExportTurns(int poolSize) {
        this.turns = new Semaphore(count(poolSize), true);
    }

    static int count(int poolSize) {
        return Math.max(1, poolSize / 4);
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
