package ai.kubiya.secretaudit.source;

import java.time.Instant;

/** Where secret metadata comes from: the Control Plane API, a JSON file, or a synthetic inventory. */
public interface SecretSource {

    /**
     * Opens a new pass over the inventory. Each call starts from the first record.
     *
     * @param asOf the evaluation instant (the synthetic source places its dates relative to it)
     * @throws SourceException when the inventory cannot be read at all (as opposed to one bad record)
     */
    SecretCursor open(Instant asOf);

    /** A description for logs and the workbook's Run sheet; never contains credentials. */
    String describe();
}
