package org.liudong.services;

import java.util.List;

/**
 * A service of the catalogue: its code, group (A publicity, B technical services, C healthy births,
 * D reproductive health, E rewards), names, the result codes it records and its health action (1–5) if any.
 */
public record CatalogueEntry(
        String code,
        String group,
        String nameZh,
        String nameEn,
        List<String> resultCodes,
        Integer healthAction,
        boolean active) {

    public CatalogueEntry {
        resultCodes = List.copyOf(resultCodes);
    }

    /** The group names in Chinese, by group code. */
    public static String groupName(String group) {
        return switch (group) {
            case "A" -> "宣传倡导";
            case "B" -> "计划生育技术服务";
            case "C" -> "优生优育";
            case "D" -> "生殖健康";
            case "E" -> "奖励优待";
            default -> group;
        };
    }

    public String groupName() {
        return groupName(group);
    }

    /** The name in the reader's language. */
    public String name(java.util.Locale locale) {
        return org.liudong.shared.Languages.pick(nameZh, nameEn, locale);
    }
}
