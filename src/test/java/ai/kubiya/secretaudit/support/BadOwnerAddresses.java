package ai.kubiya.secretaudit.support;

import java.util.List;

/**
 * Owner addresses of issue 12: each once passed the old hand check (or was read as another address) and then
 * failed the whole run, or was mailed to someone else. With the reason {@code EmailAddresses} gives, so that a
 * test can check both the outcome and the words; and good addresses a stricter check must not lose.
 */
public final class BadOwnerAddresses {

    /** {@code address} must be refused with {@code problem}; a reason never quotes the address. */
    public record Case(String address, String problem) {
    }

    /** Where a bad owner could have ended up; no SMTP recipient may ever be one of these. */
    public static final List<String> NEVER_RECIPIENTS = List.of("evil@evil.test", "victim@acme.example",
            "bob@acme.example", "spy@evil.example", "eve@acme.example");

    public static final List<Case> CASES = List.of(
            // Jakarta Mail threw on these while composing: "cannot compose the message …", run FAILED, exit 1
            new Case("a..b@acme.example", "local address contains dot-dot"),
            new Case(".a@acme.example", "local address starts with dot"),
            new Case("a.@acme.example", "local address ends with dot"),
            new Case("a@b..c", "domain contains dot-dot"),
            new Case("bob@acme.example)", "missing '('"),
            new Case("a;b@acme.example", "illegal semicolon, not in group"),
            new Case("a,b@acme.example", "illegal address"),
            new Case("a\"b@acme.example", "missing '\"'"),
            // read as another recipient than the one written
            new Case("team:evil@evil.test;", "an address group (name:addresses;), not one mailbox"),
            new Case("vic\u0000tim@acme.example", "contains a control character"),
            new Case("vic\uFFFDtim@acme.example",
                    "contains an unreadable character (a NUL, or bytes that are not UTF-8)"),
            new Case("bob@acme.example\u0000", "contains a control character"),
            new Case("eve@acme.example\r\nBcc: spy@evil.example", "contains a control character"),
            new Case("Bob <bob@acme.example>", "contains a space"),
            new Case("<bob@acme.example>", "not a plain address (angle brackets or other text around it)"),
            new Case("bob@acme.example\u00a0", "contains a space"),
            // internationalised: no SMTPUTF8 here, so never sent (and never retried as a temporary failure)
            new Case("bob@münchen.de", "internationalised address (non-ASCII characters) not supported"),
            new Case("jörg@acme.example", "internationalised address (non-ASCII characters) not supported"),
            // valid to some reading of RFC 5322, not a mailbox an owner has
            new Case("\"bob\"@acme.example", "quoted local part not supported"),
            new Case("a\\b@acme.example", "local part has a character allowed only in quotes"),
            new Case("bob@[127.0.0.1]", "domain literal not supported"),
            new Case("bob@acme", "domain has no dot"),
            new Case("bob@-acme.example", "domain label starts or ends with a hyphen"),
            new Case("bob@acme_corp.example", "domain contains illegal character"),
            new Case("bob@10.0.0.1", "top-level domain is numeric (an IP address is not supported)"),
            new Case("x".repeat(65) + "@acme.example", "local part longer than 64 characters"),
            new Case("x@" + "d".repeat(64) + ".example", "domain label longer than 63 characters"),
            new Case("x@" + "d.".repeat(123) + "example", "longer than 254 characters"));

    /** Every bad address, for a fuzzer. */
    public static final List<String> ALL = CASES.stream().map(Case::address).toList();

    /** Addresses that stay valid: plus-addressing, subdomains, punycode, the RFC 5322 atext symbols, the limits. */
    public static final List<String> GOOD = List.of("alice@acme.example", "bob+reminders@acme.example",
            "first.last@mail.eu.acme.example", "o'brien@acme.example", "carol@xn--mnchen-3ya.de",
            "a!#$%&'*+-/=?^_`{|}~z@acme.example", "Dave.Upper@Acme.Example", "x".repeat(64) + "@acme.example",
            "x@" + "d".repeat(63) + ".example", "xx@" + "d.".repeat(122) + "example");

    private BadOwnerAddresses() {
    }
}
