/**
 * Two-way assessment (双向考核) and regional cooperation (区域协作): each county's scorecard in both roles,
 * computed from the stored exchange, sent to partners as signed SCORECARD messages and compared with theirs;
 * league tables; cooperation agreements with their members, message types and stricter deadlines.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "divisions", "org", "exchange", "indicators", "imports :: demo"})
package org.liudong.assessment;
