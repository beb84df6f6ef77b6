package org.switchboard.store;

import java.nio.file.Path;
import java.time.OffsetDateTime;

/**
 * A child JVM for {@link EmbeddedDatabaseTest}: opens the embedded database in {@code args[0]}, stores one row, prints
 * its id, then waits to be killed, as a hub would be.
 */
public final class EmbeddedDatabaseHolder {
    private EmbeddedDatabaseHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        Database db = Database.open(DatabaseSettings.embedded(Path.of(args[0])));
        long id = new MessageStore(db.dataSource())
                .storeInbound(new NewInbound("modems", "modem1", "+6281234567890", "left by a killed hub", 1, false,
                        OffsetDateTime.now()))
                .id();
        System.out.println("stored " + id);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
