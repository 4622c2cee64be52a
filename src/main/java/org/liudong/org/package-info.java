/** The org tree (district, streets, communities) with materialised paths, its groupings, and service sites. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "divisions"})
package org.liudong.org;
