/**
 * Hibernate ORM 7 second-level cache on Larder, built on hibernate-jcache: the short name {@code larder}
 * ({@link dev.larder.hibernate.LarderRegionFactory}), per-region defaults, and regions created for the
 * names the cache configuration does not list.
 */
package dev.larder.hibernate;
