/** Administrative divisions (行政区划, GB/T 2260 codes) with the district test, and the working-day calendar. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = "shared")
package org.liudong.divisions;
