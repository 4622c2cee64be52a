package org.liudong.divisions;

/** The kind of a county-level unit; only a district (市辖区) counts for 人户分离 (Decree 555 Art. 2(2)). */
public enum CountyType {
    /** 市辖区: a district of a city. */
    DISTRICT,
    /** 县, 旗, 自治县, 自治旗. */
    COUNTY,
    /** 县级市: a county-level city. */
    COUNTY_CITY,
    /** Anything else: 林区, 特区, the districts of 大兴安岭地区, development zones and other statistical units. */
    OTHER
}
