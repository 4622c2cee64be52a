package org.liudong.registry;

import java.util.List;

/** One page of the person list. */
public record PersonPage(List<PersonSummary> items, int page, int size, long total) {

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }
}
