/**
 * Operations (运维): logical backup and verified restore of the database with the data folder's keys, and the
 * follow-up of a restore on the next start. Runs beside the other modules without using them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package org.liudong.operations;
