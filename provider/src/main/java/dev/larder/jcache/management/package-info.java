/**
 * Cache management: the spec's statistics ({@link dev.larder.jcache.management.CacheStatistics}) and
 * configuration ({@link dev.larder.jcache.management.CacheConfigurationMXBean}) MXBeans and their JMX
 * registration ({@link dev.larder.jcache.management.JmxRegistration}).
 */
package dev.larder.jcache.management;
