package org.liudong.sites;

import java.time.LocalDate;
import java.util.List;

/** An activity held at a site: date, kind, topic, organiser, and its attendance. */
public record Activity(
        long id,
        long siteId,
        LocalDate heldOn,
        Kind kind,
        String topic,
        String organiser,
        Integer headcount,
        List<Long> personIds) {

    /** Kinds of activity the briefing names. */
    public enum Kind {
        LECTURE,
        CULTURE_SPORTS,
        CONSULTATION,
        HEALTH_CHECK,
        VOLUNTEER,
        FAMILY_PLANNING,
        OTHER
    }

    /** How many attended: the head count if given, else the named persons. */
    public int attendance() {
        return headcount != null ? Math.max(headcount, personIds.size()) : personIds.size();
    }
}
