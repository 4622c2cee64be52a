package org.liudong.registry;

import org.liudong.shared.NotFound;

/** No person has the id asked for (or the record is outside what the caller may see). */
public class PersonNotFound extends NotFound {

    public PersonNotFound(long id) {
        super("person-not-found", "No person has the id " + id);
    }
}
