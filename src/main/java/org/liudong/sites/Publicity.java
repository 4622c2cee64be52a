package org.liudong.sites;

import java.time.LocalDate;
import java.util.List;

/** A site's publicity position (宣传阵地): what and where, with its updates, newest first. */
public record Publicity(String what, String location, List<Update> updates) {

    /** One dated update of the position's content. */
    public record Update(long id, LocalDate updatedOn, String content, String createdBy) {}
}
