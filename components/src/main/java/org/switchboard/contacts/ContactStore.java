package org.switchboard.contacts;

import java.io.Reader;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.switchboard.numbers.PhoneNumbers;
import org.switchboard.store.MessageStore;
import org.switchboard.store.Sql;

/**
 * Contacts in SQL: CSV import, look-up by number, listing and counting by {@link ContactFilter}, and opt-outs. A
 * filter is matched with {@code attributes @> filter} (served by the GIN index on contact.attributes).
 */
public final class ContactStore {

    private static final String COLUMNS = "c.id, c.number, c.name, c.attributes::text AS attributes,"
            + " (o.number IS NOT NULL) AS opted_out";

    private final DataSource dataSource;

    public ContactStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Imports a contact list in one transaction (see {@link ContactCsvImport}): new numbers become contacts, known
     * ones get the name when the file gives one and the file's attributes merged over theirs (none deleted); opt-outs
     * stay as they are.
     *
     * @param region the region of numbers written without a country code, e.g. "ID"
     * @throws InvalidCsvException when the file cannot be read as a contact list; nothing is imported then
     */
    public ImportReport importCsv(Reader csv, String region) {
        return importCsv(csv, region, ContactCsvImport.DEFAULT_BATCH_SIZE);
    }

    ImportReport importCsv(Reader csv, String region, int batchSize) {
        ContactCsvImport importer = new ContactCsvImport(new PhoneNumbers(region), batchSize);
        return Sql.inTransaction(dataSource, "importing contacts", c -> importer.run(csv, batch -> upsert(c, batch)));
    }

    private static Map<String, Boolean> upsert(Connection c, List<ContactCsvImport.Row> rows) throws SQLException {
        // In number order, so two imports running at once lock shared contacts in the same order within a batch.
        List<ContactCsvImport.Row> batch = rows.stream().sorted(Comparator.comparing(ContactCsvImport.Row::number)).toList();
        String[] numbers = new String[batch.size()];
        String[] names = new String[batch.size()];
        String[] attributes = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            ContactCsvImport.Row row = batch.get(i);
            numbers[i] = row.number();
            names[i] = row.name();
            attributes[i] = AttributesJson.write(row.attributes());
        }
        // One statement per batch; (xmax = 0) tells a row this statement inserted from one it updated. A contact the
        // file does not change is not written at all, so a re-import of the same file writes nothing (and RETURNING
        // leaves that contact out: it is reported unchanged).
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO contact AS c (number, name, attributes)"
                + " SELECT t.number::e164, t.name, t.attributes::jsonb"
                + " FROM unnest(?::text[], ?::text[], ?::text[]) AS t(number, name, attributes)"
                + " ON CONFLICT (number) DO UPDATE SET name = COALESCE(EXCLUDED.name, c.name),"
                + " attributes = c.attributes || EXCLUDED.attributes, updated_at = now()"
                + " WHERE (c.name, c.attributes) IS DISTINCT FROM"
                + " (COALESCE(EXCLUDED.name, c.name), c.attributes || EXCLUDED.attributes)"
                + " RETURNING c.number, (c.xmax = 0) AS inserted")) {
            Array n = c.createArrayOf("text", numbers);
            Array m = c.createArrayOf("text", names);
            Array a = c.createArrayOf("text", attributes);
            ps.setArray(1, n);
            ps.setArray(2, m);
            ps.setArray(3, a);
            Map<String, Boolean> written = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    written.put(rs.getString(1), rs.getBoolean(2));
                }
            } finally {
                n.free();
                m.free();
                a.free();
            }
            return written;
        }
    }

    /** The contact with this E.164 number. */
    Optional<Contact> find(String e164) {
        return Sql.inTransaction(dataSource, "reading contact " + e164, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM contact c LEFT JOIN opt_out o ON o.number = c.number WHERE c.number = ?::text")) {
                ps.setString(1, e164);
                return Sql.first(ps, ContactStore::contact);
            }
        });
    }

    /** The contact with this id. */
    public Optional<Contact> findById(long id) {
        return Sql.inTransaction(dataSource, "reading contact #" + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM contact c LEFT JOIN opt_out o ON o.number = c.number WHERE c.id = ?")) {
                ps.setLong(1, id);
                return Sql.first(ps, ContactStore::contact);
            }
        });
    }

    /**
     * Applies an edit in one transaction. Empty when there is no such contact.
     *
     * @throws NumberTakenException when the new number is another contact's
     */
    public Optional<Contact> edit(long id, ContactEdit edit) {
        if (edit.number() != null && !MessageStore.isE164(edit.number())) {
            throw new IllegalArgumentException("not an E.164 number: " + edit.number());
        }
        return Sql.inTransaction(dataSource, "editing contact #" + id, c -> {
            if (edit.number() != null) {
                try (PreparedStatement ps = c.prepareStatement("SELECT id FROM contact WHERE number = ?::text AND id <> ?")) {
                    ps.setString(1, edit.number());
                    ps.setLong(2, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            throw new NumberTakenException(edit.number(), rs.getLong(1));
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE contact SET"
                    + " name = CASE WHEN ? THEN ? ELSE name END, number = coalesce(?::text, number::text)::e164,"
                    + " attributes = (attributes || ?::jsonb) - ?::text[], updated_at = now() WHERE id = ?")) {
                ps.setBoolean(1, edit.setName());
                ps.setString(2, edit.name());
                ps.setString(3, edit.number());
                ps.setString(4, AttributesJson.write(edit.attributes()));
                ps.setArray(5, c.createArrayOf("text", edit.removed().toArray()));
                ps.setLong(6, id);
                if (ps.executeUpdate() == 0) {
                    return Optional.<Contact>empty();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM contact c LEFT JOIN opt_out o ON o.number = c.number WHERE c.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Optional.of(contact(rs));
                }
            }
        });
    }

    /** Takes back an opt-out: the number may be texted by broadcasts again. False when it had not opted out. */
    public boolean optIn(String e164) {
        return Sql.update(dataSource, "taking back the opt-out of " + e164,
                "DELETE FROM opt_out WHERE number = ?::text", e164) > 0;
    }

    /** A page of the contacts matching the filter, opted-out ones included (and flagged), in the order they were added. */
    public List<Contact> list(ContactFilter filter, int offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        return Sql.inTransaction(dataSource, "listing contacts where " + filter.describe(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM contact c LEFT JOIN opt_out o ON o.number = c.number"
                    + " WHERE c.attributes @> ?::jsonb ORDER BY c.id OFFSET ? LIMIT ?")) {
                ps.setString(1, filter.toJson());
                ps.setInt(2, offset);
                ps.setInt(3, limit);
                List<Contact> contacts = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        contacts.add(contact(rs));
                    }
                }
                return contacts;
            }
        });
    }

    /** How many contacts match the filter, opted-out ones included (as {@link #list} shows them). */
    public long count(ContactFilter filter) {
        return reach(filter).contacts();
    }

    /** How many contacts match the filter, and how many of those opted out. */
    public Reach reach(ContactFilter filter) {
        return Sql.inTransaction(dataSource, "counting contacts where " + filter.describe(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*), count(o.number)"
                    + " FROM contact c LEFT JOIN opt_out o ON o.number = c.number WHERE c.attributes @> ?::jsonb")) {
                ps.setString(1, filter.toJson());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Reach(rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    /**
     * The distinct values of each attribute, at most {@code maxPerAttribute} of each (the most frequent first), for
     * offering filter choices; attributes sorted by name.
     */
    public Map<String, List<String>> attributeValues(int maxPerAttribute) {
        return Sql.inTransaction(dataSource, "reading attribute values", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT key, value FROM ("
                    + " SELECT key, value, row_number() OVER (PARTITION BY key ORDER BY count(*) DESC, value) AS rank"
                    + " FROM contact, jsonb_each_text(contact.attributes) GROUP BY key, value) v"
                    + " WHERE rank <= ? ORDER BY key, rank")) {
                ps.setInt(1, maxPerAttribute);
                Map<String, List<String>> values = new LinkedHashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        values.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                    }
                }
                return values;
            }
        });
    }

    /**
     * Records that this number asked not to be texted (as an inbound STOP does); the first opt-out is kept.
     *
     * @throws IllegalArgumentException when the number is not E.164
     */
    public void optOut(String e164, String keyword) {
        if (!MessageStore.isE164(e164)) {
            throw new IllegalArgumentException("not an E.164 number: " + e164);
        }
        Sql.inTransaction(dataSource, "recording the opt-out of " + e164, c -> {
            MessageStore.recordOptOut(c, e164, keyword, java.time.OffsetDateTime.now());
            return null;
        });
    }

    private static Contact contact(ResultSet rs) throws SQLException {
        return new Contact(rs.getLong("id"), rs.getString("number"), rs.getString("name"),
                AttributesJson.read(rs.getString("attributes")), rs.getBoolean("opted_out"));
    }


}
