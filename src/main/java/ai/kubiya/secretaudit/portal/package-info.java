/**
 * The auditor portal ({@code serve}, docs/portal.md): read-only pages over what the runs stored (runs, one run,
 * findings filtered and paged on the server, one secret's history), the stored workbook's download with its SHA-256
 * checked first, and the access log; behind an OpenID Connect sign-in that maps a claim to {@code AUDITOR}
 * (everything) or {@code OWNER} (their own findings only, by verified email). Owns {@code portal_access} (V13) and
 * the folder of the exports it stored ({@code StoredExports}).
 *
 * <p>It sits on top beside {@code cli} and {@code job}: it reads {@code run}, {@code finding}, {@code report} and
 * {@code notify}, and only {@code cli} imports it. Its beans exist only in {@code serve}'s context (the
 * {@code secret-rotation-audit.serve} property), so every other command starts as it did.
 */
package ai.kubiya.secretaudit.portal;
