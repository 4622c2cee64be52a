package org.liudong.imports.demo;

import java.util.List;
import java.util.Map;

/**
 * The real codes the generator draws from: the streets of Shijingshan with their communities, and the current
 * counties of each origin province, all ordered by code so that a seed always gives the same district.
 */
record DistrictReference(List<Street> streets, Map<String, List<County>> countiesByProvince) {

    /** A street with its short name (鲁谷 for 鲁谷街道) and its communities. */
    record Street(String code, String shortName, List<Community> communities) {}

    /** A community (社区) of a street. */
    record Community(String code, String name) {}

    /** A current county-level division. */
    record County(String code, String name) {}
}
