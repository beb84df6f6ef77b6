package org.switchboard.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.switchboard.store.StoreException;

class RepeatedFailuresTest {
    private static final StoreException REFUSED = new StoreException("storing",
            new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));

    @Test
    void theSecondFailureTheSameWayMakesAMessagePoison() {
        RepeatedFailures failures = new RepeatedFailures(2);
        assertFalse(failures.failedAgain("<a@x>", REFUSED));
        assertEquals(1, failures.failures("<a@x>"));
        assertFalse(failures.failedAgain("<b@x>", REFUSED), "another message counts apart");
        assertTrue(failures.failedAgain("<a@x>", REFUSED));
        assertEquals(0, failures.failures("<a@x>"), "set aside, then forgotten");
    }

    @Test
    void aFailureAnotherWayStartsCountingAgain() {
        RepeatedFailures failures = new RepeatedFailures(2);
        assertFalse(failures.failedAgain("<a@x>", REFUSED));
        assertFalse(failures.failedAgain("<a@x>", new IllegalStateException("something else")));
        assertTrue(failures.failedAgain("<a@x>", new IllegalStateException("something else")));
    }

    @Test
    void anOutageNeverMakesAMessagePoison() {
        RepeatedFailures failures = new RepeatedFailures(1);
        assertFalse(failures.failedAgain("<a@x>", new StoreException("storing",
                new SQLTransientConnectionException("switchboard - Connection is not available"))));
        assertFalse(failures.failedAgain("<a@x>", new StoreException("storing",
                new SQLException("terminating connection due to administrator command", "57P01"))));
        assertFalse(failures.failedAgain("<a@x>", new RuntimeException(new ConnectException("Connection refused"))));
        assertFalse(failures.failedAgain("<a@x>", new jakarta.mail.FolderClosedException(null)));
        assertTrue(failures.failedAgain("<a@x>", REFUSED), "a limit of 1: the first data error");
    }

    @Test
    void whatIsSucceededIsForgotten() {
        RepeatedFailures failures = new RepeatedFailures(2);
        failures.failedAgain("<a@x>", REFUSED);
        failures.succeeded("<a@x>");
        assertFalse(failures.failedAgain("<a@x>", REFUSED));
    }
}
