package org.liudong.divisions;

/** The five levels of the division tree, told apart by the length of their codes (2, 4, 6, 9, 12 digits). */
public enum DivisionLevel {
    /** 省级: province, autonomous region or municipality. */
    PROVINCE,
    /** 地级: prefecture-level city, prefecture (地区), league (盟) or autonomous prefecture. */
    CITY,
    /** 县级: district (市辖区), county (县, 旗), county-level city (县级市) and the like. */
    COUNTY,
    /** 乡级: street (街道), town (镇) or township (乡). */
    TOWNSHIP,
    /** 村级: community (社区居委会) or village (村委会). */
    COMMUNITY;

    static DivisionLevel ofCodeLength(int length) {
        return switch (length) {
            case 2 -> PROVINCE;
            case 4 -> CITY;
            case 6 -> COUNTY;
            case 9 -> TOWNSHIP;
            case 12 -> COMMUNITY;
            default -> throw new IllegalArgumentException("No division level has codes of length " + length);
        };
    }
}
