/** Excel and CSV import and export of the ledger: templates, streaming parsers, jobs, error reports. */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"shared", "registry", "org", "security", "eligibility", "divisions"})
package org.liudong.imports;
