/** Users, roles and scopes; form login for pages and personal tokens for the API. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "org"})
package org.liudong.security;
