package org.switchboard.store;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.switchboard.store.TestDatabases.TestDatabase;

/**
 * One fresh, migrated test database for a whole test class, created before all its tests and dropped after them:
 * {@code @RegisterExtension static final TestDatabaseExtension db = new TestDatabaseExtension();}. The class's own
 * {@code @BeforeAll} methods run after the database exists, its {@code @AfterAll} methods before it is dropped.
 */
public final class TestDatabaseExtension implements BeforeAllCallback, AfterAllCallback {

    private TestDatabase database;
    private Database otherNode;

    @Override
    public void beforeAll(ExtensionContext context) {
        database = TestDatabases.create();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (otherNode != null) {
            otherNode.close();
            otherNode = null;
        }
        // null when PostgreSQL was unreachable and the class was skipped
        if (database != null) {
            database.close();
            database = null;
        }
    }

    public DataSource dataSource() {
        return current().dataSource();
    }

    /** The JDBC URL, for a hub or command under test to open the database itself. */
    public String url() {
        return current().url();
    }

    public Database database() {
        return current().database();
    }

    /**
     * The same database through a pool of its own, as a second node of the hub opens it: what one node writes through
     * {@link #dataSource()} the other must see through this. Closed with the class.
     */
    public synchronized DataSource otherNode() {
        if (otherNode == null) {
            otherNode = Database.open(DatabaseSettings.external(url(), TestDatabases.USER, null));
        }
        return otherNode.dataSource();
    }

    /** Empties the named tables and restarts their sequences, so each test starts from nothing. */
    public void truncate(String... tables) {
        TestDatabases.truncate(dataSource(), tables);
    }

    private TestDatabase current() {
        if (database == null) {
            throw new IllegalStateException("the test database exists only between beforeAll and afterAll");
        }
        return database;
    }
}
