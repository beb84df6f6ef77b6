package org.switchboard.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The allow-list, the shared secret and the MTA's Authentication-Results, alone and together. */
class SenderPolicyTest {

    private static final StaffAllowList STAFF = new StaffAllowList(List.of("staff@school.ac.id", "@admisi.school.ac.id"));

    private static MimeMessage mail(String from, String subject, String... authResults) throws Exception {
        StringBuilder m = new StringBuilder("From: " + from + "\nTo: hub@school.ac.id\nSubject: " + subject + "\n");
        for (String a : authResults) {
            m.append("Authentication-Results: ").append(a).append('\n');
        }
        return Mails.raw(m + "Content-Type: text/plain\n\nHalo\n");
    }

    @Test
    void allowListAloneByDefault() throws Exception {
        SenderPolicy policy = new SenderPolicy(STAFF, "", "");
        assertEquals(Optional.empty(), policy.refusal(mail("staff@school.ac.id", "x"), "staff@school.ac.id"));
        assertEquals(Optional.empty(), policy.refusal(mail("rina@admisi.school.ac.id", "x"), "rina@admisi.school.ac.id"));
        assertEquals(Optional.of(Bounces.NOT_STAFF), policy.refusal(mail("eve@evil.example", "x"), "eve@evil.example"));
    }

    @Test
    void secretMustBeInTheSubject() throws Exception {
        SenderPolicy policy = new SenderPolicy(STAFF, "kunci-7781", "");
        assertTrue(policy.refusal(mail("staff@school.ac.id", "Pengumuman"), "staff@school.ac.id").isPresent());
        assertEquals(Optional.empty(),
                policy.refusal(mail("staff@school.ac.id", "[kunci-7781] Pengumuman"), "staff@school.ac.id"));
        // the secret does not open the door to strangers
        assertEquals(Optional.of(Bounces.NOT_STAFF),
                policy.refusal(mail("eve@evil.example", "kunci-7781"), "eve@evil.example"));
    }

    @Test
    void trustedAuthenticationResultsMustPassForTheFromDomain() throws Exception {
        SenderPolicy policy = new SenderPolicy(STAFF, "", "mx.school.ac.id");
        String from = "staff@school.ac.id";

        assertTrue(policy.refusal(mail(from, "x"), from).isPresent(), "no header at all");
        assertEquals(Optional.empty(), policy.refusal(mail(from, "x",
                "mx.school.ac.id; spf=pass (sender SPF authorized) smtp.mailfrom=staff@school.ac.id"), from));
        assertEquals(Optional.empty(), policy.refusal(mail(from, "x",
                "MX.School.ac.id 1; dkim=pass (2048-bit key) header.d=school.ac.id header.s=mail; spf=softfail"), from));
        assertTrue(policy.refusal(mail(from, "x",
                "mx.school.ac.id; dkim=fail header.d=school.ac.id; spf=none"), from).isPresent(), "nothing passed");
        assertTrue(policy.refusal(mail(from, "x",
                "mx.school.ac.id; dkim=pass header.d=evil.example"), from).isPresent(), "a pass for another domain");
        assertTrue(policy.refusal(mail(from, "x",
                "mx.evil.example; dkim=pass header.d=school.ac.id"), from).isPresent(), "written by a stranger's MTA");
    }

    @Test
    void authenticationResultsGrammar() {
        AuthenticationResults ar = AuthenticationResults.parse(
                "example.com; (a comment; with a semicolon) dkim/1 = pass header.i=\"@mail.example.org\"; none").orElseThrow();
        assertEquals("example.com", ar.authservId());
        assertEquals(1, ar.results().size());
        assertEquals("dkim", ar.results().get(0).method());
        assertTrue(ar.passesFor("mail.example.org"));
        assertFalse(ar.passesFor("example.org"));
        assertTrue(AuthenticationResults.parse("  ").isEmpty());
    }
}
