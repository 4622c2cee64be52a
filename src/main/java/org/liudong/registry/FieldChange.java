package org.liudong.registry;

/** One changed field of a person: its name, and the values before and after (sensitive values masked). */
public record FieldChange(String field, String before, String after) {}
