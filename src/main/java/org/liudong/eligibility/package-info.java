/** Who is floating population under Decree 555 (流动人口计划生育工作条例) and who may have which free service, as small named policies. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "divisions"})
package org.liudong.eligibility;
