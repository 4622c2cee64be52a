/**
 * Indicators (指标): definitions as data, values computed from current data with an "as of" time, targets
 * inherited down the org tree, and the street-submits, district-approves report that freezes a period.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "org", "registry"})
package org.liudong.indicators;
