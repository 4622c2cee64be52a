package org.liudong.registry;

import java.time.LocalDate;
import org.springframework.data.relational.core.mapping.Table;

/** A child row of a person. */
@Table("person_child")
record ChildRecord(LocalDate birthDate, String sex, int childOrder) {}
