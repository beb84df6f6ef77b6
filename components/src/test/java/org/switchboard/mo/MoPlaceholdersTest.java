package org.switchboard.mo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class MoPlaceholdersTest {

    @Test
    void kannelsEscapesAreFilledInUrlEncoded() {
        MoDelivery d = new MoDelivery(1, 1, 42, "quiz", MoRule.Target.HTTP, null, "GET", true, null, "REG",
                "+6281234567890", "9123", "REG QUIZ now & then", "operator",
                OffsetDateTime.parse("2026-12-07T12:30:00Z"));
        String url = "http://app/quiz?from=%p&to=%P&q=%q&k=%k&s=%s&r=%r&a=%a&t=%t&T=%T&i=%i&I=%I&pct=%%&x=%z";
        assertEquals("http://app/quiz?from=%2B6281234567890&to=9123&q=6281234567890&k=REG&s=QUIZ&r=QUIZ%20now%20%26"
                + "%20then&a=REG%20QUIZ%20now%20%26%20then&t=2026-12-07%2019%3A30&T=1796646600&i=operator&I=42&pct=%25"
                + "&x=%z", MoPlaceholders.fill(url, d, ZoneId.of("Asia/Jakarta")));
    }
}
