/** Tiny, stable values every module may use: org paths and scopes, and the exceptions that map to problems. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.liudong.shared;
