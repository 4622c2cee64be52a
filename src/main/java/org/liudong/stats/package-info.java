/**
 * Statistics (统计): the district's floating population by street, sex and age, education, origin, occupation
 * and growth; aggregate data by data element, org unit and period; the comparison with other districts; the
 * generated briefing (区情简报); and DHIS2 dataValueSets export.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "org", "indicators", "registry", "imports"})
package org.liudong.stats;
