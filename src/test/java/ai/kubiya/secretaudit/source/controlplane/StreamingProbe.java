package ai.kubiya.secretaudit.source.controlplane;

import ai.kubiya.secretaudit.source.SecretCursor;

/** Run by {@link ControlPlaneStreamingTests} in a JVM with a small heap: counts the records of a large list. */
final class StreamingProbe {

    private StreamingProbe() {
    }

    public static void main(String[] args) {
        ControlPlaneSecretSource source = ControlPlaneStreamingTests.source(args[0], java.time.Duration.ofSeconds(30));
        long count = 0;
        try (SecretCursor cursor = source.open(ControlPlaneStreamingTests.NOW)) {
            while (cursor.hasNext()) {
                cursor.next();
                count++;
            }
        }
        System.out.println("records=" + count + " max-heap-mb=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
}
