package org.liudong.sites;

import java.time.LocalDate;

/**
 * One holding of a post in a site's organisation: head, staff member or volunteer with duty and phone, from
 * {@code since} until the day before {@code until}; without a name the post is vacant.
 */
public record SiteMember(
        long id, long siteId, Kind kind, String duty, String name, String phone, LocalDate since, LocalDate until) {

    /** The kinds of post. */
    public enum Kind {
        HEAD,
        STAFF,
        VOLUNTEER
    }

    public boolean vacant() {
        return name == null;
    }

    public boolean heldOn(LocalDate date) {
        return !since.isAfter(date) && (until == null || until.isAfter(date));
    }
}
