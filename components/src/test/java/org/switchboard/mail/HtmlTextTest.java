package org.switchboard.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTextTest {

    private static String text(String html) {
        return QuotedText.strip(HtmlText.toText(html));
    }

    @Test
    void breaksAndParagraphsBecomeLines() {
        assertEquals("one\ntwo\n\nthree\n\nfour", text("one<br>two<p>three</p><p>four</p>"));
        assertEquals("line\n\nline2", text("<div>line</div><div><br></div><div>line2</div>"));
    }

    @Test
    void decodesEntities() {
        assertEquals("a & b < c > d \"e\" 'f' g\u2014h \u00e9 \u00c9 \u00f1 \u00fc \u00e7 & \u20ac \uD83D\uDE00 &unknown;",
                text("a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#x27; g&mdash;h &eacute; &Eacute; &ntilde; &uuml; &ccedil; &AMP; &euro; &#x1F600; &unknown;"));
    }

    @Test
    void collapsesWhitespaceOutsidePre() {
        assertEquals("a b c\n\n  keep  this", text("<p>  a\n   b\t\tc </p><pre>  keep  this</pre>"));
    }

    @Test
    void dropsHeadStylesScriptsAndComments() {
        assertEquals("visible", text("<html><head><title>t</title><style>p{}</style></head><body><!-- note -->"
                + "<script>alert(1)</script>visible</body></html>"));
    }

    @Test
    void dropsNestedBlockquotesAndGmailQuotes() {
        assertEquals("answer\nafter", text("answer<blockquote>q1<blockquote>q2</blockquote>q3</blockquote>"
                + "<div class=\"gmail_quote\"><div>On x wrote:</div><div>inner</div></div><div>after</div>"));
    }

    @Test
    void stopsAtOutlookWebReplyHeader() {
        assertEquals("mine", text("<div>mine</div><hr><div id=\"divRplyFwdMsg\"><b>From:</b> x</div><div>theirs</div>"));
    }

    @Test
    void survivesBrokenMarkup() {
        assertEquals("a < b and c", text("a < b and <b>c"));
        assertEquals("x", text("x<!-- never closed"));
        assertEquals("1 <2 <3 <4", text("1 <2 <3 <4"));
    }
}
