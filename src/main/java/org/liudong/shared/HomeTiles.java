package org.liudong.shared;

import java.util.List;

/**
 * What a module puts on a user's home page: counts of the work waiting in the user's scope, each with the page
 * where it is done. The web module shows the tiles of every bean of this type, so it needs no module's classes; a
 * module offers tiles only to the roles whose work they are, and only counts it can give quickly.
 */
public interface HomeTiles {

    List<Tile> tiles(ScopedUser user);

    /**
     * One count: where it goes among the tiles, its label and a note under it (message keys of the application's
     * bundles, the note's arguments as text), the page to open, and whether it asks for attention (overdue work).
     */
    record Tile(
            int order, String label, long value, String note, List<String> noteArgs, String href, boolean attention) {

        public Tile {
            noteArgs = noteArgs == null ? List.of() : List.copyOf(noteArgs);
        }
    }
}
