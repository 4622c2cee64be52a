package org.liudong.org;

import java.util.List;

/** A group of org units within a group set, e.g. the capital core zone (首都功能核心区). */
public record OrgGroup(String code, String nameZh, String nameEn, List<String> memberCodes) {

    public OrgGroup {
        memberCodes = List.copyOf(memberCodes);
    }
}
