/** The ledger (台帐): persons, residence episodes, certificates, history, duplicates and search. */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "divisions", "org", "security", "eligibility"})
package org.liudong.registry;
