package org.switchboard.store;

import java.util.List;

/** One page of a history search, and how many SMS match in all. */
public record HistoryPage(long total, int offset, int limit, List<HistoryItem> items) {

    public HistoryPage {
        items = List.copyOf(items);
    }
}
