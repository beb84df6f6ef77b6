package org.switchboard.broadcast;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.switchboard.contacts.ContactFilter;
import org.switchboard.contacts.InvalidFilterException;
import org.switchboard.contacts.Segment;
import org.switchboard.contacts.SegmentStore;

/**
 * Whom a broadcast requested over the API goes to: a saved segment's criteria, narrowed by a filter, or the filter
 * alone; the same rule as a staff email's {@code to:} line under a segment address.
 */
public final class BroadcastAudience {

    /**
     * @param segment   the segment's name as stored, or null
     * @param criteria  attribute to value, all of which a contact must have
     * @param described in words, for the journal: "segment sma1, narrowed to major = IPA"
     */
    public record Resolved(String segment, Map<String, String> criteria, String described) {

        public Resolved {
            criteria = Map.copyOf(criteria);
        }
    }

    private final SegmentStore segments;

    public BroadcastAudience(SegmentStore segments) {
        this.segments = Objects.requireNonNull(segments, "segments");
    }

    /**
     * @param segmentName a saved segment, or null
     * @param filter      more criteria, or null; with neither, refused (a broadcast to everyone must say so with an
     *                    empty filter object or text, not by leaving both out)
     * @throws IllegalArgumentException naming the unknown segment or the contradiction, or the filter's mistake
     */
    public Resolved resolve(String segmentName, ContactFilter filter) {
        if (segmentName == null && filter == null) {
            throw new InvalidFilterException("name a segment or give a filter (an empty filter means every contact)");
        }
        Map<String, String> criteria = new LinkedHashMap<>();
        StringBuilder described = new StringBuilder();
        String segment = null;
        if (segmentName != null) {
            Optional<Segment> found = segments.find(segmentName);
            if (found.isEmpty()) {
                String known = String.join(", ", segments.list().stream().map(Segment::name).toList());
                throw new IllegalArgumentException("there is no segment called \"" + segmentName + "\"; "
                        + (known.isEmpty() ? "no segment is saved yet" : "saved segments: " + known));
            }
            segment = found.get().name();
            criteria.putAll(found.get().filter().criteria());
            described.append("segment ").append(segment);
        }
        if (filter != null) {
            for (Map.Entry<String, String> c : filter.criteria().entrySet()) {
                String before = criteria.putIfAbsent(c.getKey(), c.getValue());
                if (before != null && !before.equals(c.getValue())) {
                    throw new InvalidFilterException("the filter asks for " + c.getKey() + " = " + c.getValue()
                            + ", but segment " + segment + " already means " + c.getKey() + " = " + before
                            + ": no contact can match both");
                }
            }
            if (segment == null || !filter.matchesAll()) {
                described.append(described.length() > 0 ? ", narrowed to " : "").append(filter.describe());
            }
        }
        return new Resolved(segment, criteria, described.toString());
    }
}
