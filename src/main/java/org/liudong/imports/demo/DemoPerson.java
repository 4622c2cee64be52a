package org.liudong.imports.demo;

import java.time.LocalDate;
import org.liudong.registry.PersonInput;

/** One generated ledger row: the person as the form would take it, and when they left (null if still here). */
public record DemoPerson(int rowNumber, PersonInput input, LocalDate movedOut) {}
