package org.liudong.sites;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the programme's settings ({@code liudong.sites.*}). */
@Configuration
@EnableConfigurationProperties(SitesProperties.class)
class SitesConfiguration {}
