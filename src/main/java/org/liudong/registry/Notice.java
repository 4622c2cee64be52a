package org.liudong.registry;

/** A note on accepted input that a person should see, e.g. a historical division code or a possible duplicate. */
public record Notice(String field, String code, String message) {}
