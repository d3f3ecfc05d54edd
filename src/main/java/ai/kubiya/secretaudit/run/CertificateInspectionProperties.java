package ai.kubiya.secretaudit.run;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code audit.certificates.*}.
 *
 * @param inspectValues read the value of each certificate secret that has no {@code expires_at}, to take
 *                      the expiry from the PEM; off by default because it reads secret values
 */
@ConfigurationProperties(prefix = "audit.certificates")
record CertificateInspectionProperties(boolean inspectValues) {
}
