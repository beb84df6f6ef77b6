package org.switchboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.switchboard.contacts.AttributesJson;

/**
 * The sending history: inbound and outbound SMS in one list, newest first, each with its contact's name and
 * attributes, searched by {@link HistoryQuery}. Every criterion is a bound parameter; the texts searched for are
 * escaped so that a {@code %} or {@code _} typed by a user means itself.
 */
public final class MessageHistory {

    // One row shape for both tables. The planner drops the branch a direction condition rules out, and pushes the
    // other conditions into each branch.
    private static final String MESSAGES = "SELECT 'in' AS direction, i.id, i.originator AS number, i.text,"
            + " i.received_at AS at,"
            + " CASE i.email_status WHEN 'SENT' THEN 'EMAILED' WHEN 'FAILED' THEN 'EMAIL_FAILED' ELSE 'RECEIVED' END"
            + " AS status, i.email_error AS error, NULL::text AS delivery, i.modem, NULL::bigint AS broadcast_id"
            + " FROM inbound_sms i"
            + " UNION ALL"
            + " SELECT 'out', o.id, o.recipient::text, o.text, o.created_at, o.status, o.error, o.delivery_status,"
            + " o.modem, o.broadcast_id FROM outbound_sms o";
    private static final String FROM = " FROM (" + MESSAGES + ") m LEFT JOIN contact c ON c.number = m.number";

    private final DataSource dataSource;

    public MessageHistory(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public HistoryPage search(HistoryQuery q) {
        List<Object> args = new ArrayList<>();
        String where = where(q, args);
        return Sql.inTransaction(dataSource, "searching the message history", c -> {
            long total = count(c, where, args);
            List<HistoryItem> items = new ArrayList<>();
            if (q.limit() > 0 && q.offset() < total) {
                try (PreparedStatement ps = c.prepareStatement("SELECT m.direction, m.id, m.number, m.text, m.at,"
                        + " m.status, m.error, m.delivery, m.modem, m.broadcast_id, c.name, c.attributes::text"
                        + FROM + where + " ORDER BY m.at DESC, m.direction, m.id DESC OFFSET ? LIMIT ?")) {
                    List<Object> all = new ArrayList<>(args);
                    all.add(q.offset());
                    all.add(q.limit());
                    bind(c, ps, all);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            items.add(item(rs));
                        }
                    }
                }
            }
            return new HistoryPage(total, q.offset(), q.limit(), items);
        });
    }

    private static long count(Connection c, String where, List<Object> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*)" + FROM + where)) {
            bind(c, ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void bind(Connection c, PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object arg = args.get(i);
            ps.setObject(i + 1, arg instanceof String[] texts ? c.createArrayOf("text", texts) : arg);
        }
    }

    private static String where(HistoryQuery q, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (q.direction() != null) {
            conditions.add("m.direction = ?");
            args.add(q.direction());
        }
        if (q.number() != null) {
            conditions.add("m.number = ?");
            args.add(q.number());
        }
        if (q.digits() != null && !q.digits().isEmpty()) {
            conditions.add("m.number LIKE ? ESCAPE '\\'");
            args.add("%" + escapeLike(q.digits()) + "%");
        }
        if (q.name() != null && !q.name().isEmpty()) {
            conditions.add("c.name ILIKE ? ESCAPE '\\'");
            args.add("%" + escapeLike(q.name()) + "%");
        }
        if (q.text() != null && !q.text().isEmpty()) {
            conditions.add("m.text ILIKE ? ESCAPE '\\'");
            args.add("%" + escapeLike(q.text()) + "%");
        }
        if (q.since() != null) {
            conditions.add("m.at >= ?");
            args.add(q.since());
        }
        if (q.until() != null) {
            conditions.add("m.at < ?");
            args.add(q.until());
        }
        if (!q.statuses().isEmpty()) {
            conditions.add("m.status = ANY (?::text[])");
            args.add(q.statuses().toArray(String[]::new));
        }
        if (!q.attributes().isEmpty()) {
            conditions.add("c.attributes @> ?::jsonb");
            args.add(AttributesJson.write(q.attributes()));
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** A text for LIKE that matches only itself: the wildcards and the escape character escaped. */
    static String escapeLike(String literal) {
        return literal.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static HistoryItem item(ResultSet rs) throws SQLException {
        String direction = rs.getString("direction");
        long broadcast = rs.getLong("broadcast_id");
        boolean noBroadcast = rs.wasNull();
        String attributes = rs.getString("attributes");
        return new HistoryItem(direction + "-" + rs.getLong("id"), direction, rs.getString("number"),
                rs.getString("name"), rs.getString("text"), Sql.time(rs, "at"), rs.getString("status"),
                rs.getString("error"), rs.getString("delivery"), rs.getString("modem"),
                attributes == null ? Map.of() : AttributesJson.read(attributes), noBroadcast ? null : broadcast);
    }


}
