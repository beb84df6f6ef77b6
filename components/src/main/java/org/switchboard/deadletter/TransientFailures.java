package org.switchboard.deadletter;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

import org.switchboard.store.DatabaseUnavailableException;

/**
 * Failures that say something outside the message is away (the database down or restarting, a server not answering,
 * the mailbox closed) rather than that the message itself is bad: retrying later can cure them.
 */
public final class TransientFailures {
    private TransientFailures() {
    }

    /** Whether {@code failure}, or anything it was caused by, is such a failure. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof DatabaseUnavailableException || t instanceof ConnectException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException || t instanceof jakarta.mail.FolderClosedException
                    || t instanceof jakarta.mail.StoreClosedException || t instanceof jakarta.mail.MessageRemovedException) {
                return true;
            }
            if (t instanceof SQLException sql && transientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    // SQLSTATE classes: 08 connection exception, 40 transaction rollback (serialization, deadlock), 53 insufficient
    // resources, 57 operator intervention (shutdown, cancel), 58 system error (I/O). Data (22) and integrity (23)
    // errors come from the row itself.
    private static boolean transientState(String state) {
        if (state == null || state.length() < 2) {
            return false;
        }
        String cls = state.substring(0, 2);
        return cls.equals("08") || cls.equals("40") || cls.equals("53") || cls.equals("57") || cls.equals("58");
    }
}
