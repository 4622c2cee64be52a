package org.liudong.sites;

import java.time.LocalDate;

/** A site's migrants' association (流动人口协会). */
public record Association(String name, String chair, Integer members, LocalDate foundedOn) {}
