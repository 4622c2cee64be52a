/**
 * The service sites programme: organisation, association, publicity, activities, the "four ones" (四个一)
 * computed per site and year with roll-ups, admission to the programme and the 2012–2014 rollout.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "org", "registry", "imports :: demo"})
package org.liudong.sites;
