/** The append-only, tamper-evident audit trail, fed by other modules' events. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "security", "registry", "services"})
package org.liudong.audit;
