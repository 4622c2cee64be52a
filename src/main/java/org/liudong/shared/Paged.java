package org.liudong.shared;

import java.util.List;

/**
 * One page of a list a page shows in parts: its items, which page it is (from 0) and how many there are. A page past
 * the end shows the last one.
 */
public record Paged<T>(List<T> items, int page, int pages) {

    public static <T> Paged<T> of(List<T> all, int page, int size) {
        int pages = Math.max(1, (all.size() + size - 1) / size);
        int shown = Math.min(Math.max(page, 0), pages - 1);
        return new Paged<>(all.subList(shown * size, Math.min(all.size(), (shown + 1) * size)), shown, pages);
    }
}
