/** Layout, home page, locale and error handling; a leaf that nothing depends on. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "org", "security", "registry"})
package org.liudong.web;
