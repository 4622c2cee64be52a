package org.liudong.org;

/** Levels of the org tree: a city (市), its districts (区县), streets (街道/乡镇) and communities (社区/村). */
public enum OrgLevel {
    CITY,
    DISTRICT,
    STREET,
    COMMUNITY
}
