package ai.kubiya.secretaudit.evidence;

/**
 * One link of the chain as PostgreSQL holds it, with the run's recorded and stored workbook hashes.
 *
 * @param kept           false when retention removed the run (its row in {@code audit_run}, its files)
 * @param recorded       the workbook's SHA-256 recorded on the run ({@code audit_run.workbook_sha256})
 * @param storedActual   the SHA-256 of the bytes stored in {@code run_workbook}, null when none is stored
 */
record ChainEntry(long run, String file, String sha256, String previousSha256, boolean signed, boolean kept,
                  String recorded, String storedActual) {
}
