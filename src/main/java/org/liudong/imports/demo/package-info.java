/**
 * The demo district: a generated Shijingshan (110107) for 2010–2013 whose figures follow the 2013 briefing,
 * deterministic for a seed. Other modules add their own data by implementing {@link DemoStep}.
 */
@org.springframework.modulith.NamedInterface("demo")
package org.liudong.imports.demo;
