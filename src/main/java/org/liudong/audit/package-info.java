/** The append-only, tamper-evident audit trail, fed by other modules' events. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "security"})
package org.liudong.audit;
