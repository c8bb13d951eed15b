/**
 * JCache expiry: {@link dev.larder.jcache.expiry.ExpiryDeadlines} turns an
 * {@link javax.cache.expiry.ExpiryPolicy}'s durations into the engine's absolute ticker deadlines.
 */
package dev.larder.jcache.expiry;
