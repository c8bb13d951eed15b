/**
 * Store-by-value: the {@link dev.larder.jcache.copy.Copier} that copies keys and values on their way
 * into and out of a cache (Java serialization through the cache's class loader; immutable JDK types are
 * shared), or returns them as they are for store-by-reference.
 */
package dev.larder.jcache.copy;
