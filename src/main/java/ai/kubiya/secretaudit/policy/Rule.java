package ai.kubiya.secretaudit.policy;

/**
 * The checks applied to every secret (docs/policy.md#rules-default-policy), each with the compliance controls it gives evidence for,
 * as shown to auditors in the workbook.
 */
public enum Rule {
    ROTATION("PCI DSS v4.0.1 3.7.4, 8.6.3; NIST SP 800-57 Pt 1 §5.3; SOC 2 CC6.1; ISO/IEC 27001:2022 A.8.24"),
    CERTIFICATE_EXPIRY("NIST SP 800-57 Pt 1 §5.3; ISO/IEC 27001:2022 A.8.24; SOC 2 CC6.1"),
    UNUSED("PCI DSS v4.0.1 8.6.3; SOC 2 CC6.1"),
    METADATA("SOC 2 CC6.1; ISO/IEC 27001:2022 A.8.24"),
    REQUIRED("SOC 2 CC6.1; ISO/IEC 27001:2022 A.8.24");

    private final String controls;

    Rule(String controls) {
        this.controls = controls;
    }

    public String controls() {
        return controls;
    }
}
