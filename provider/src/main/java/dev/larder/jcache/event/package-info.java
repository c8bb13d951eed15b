/**
 * JCache entry events: {@link dev.larder.jcache.event.EventDispatcher} turns the facade's mutations into
 * {@code CREATED}, {@code UPDATED}, {@code REMOVED} and {@code EXPIRED} events and delivers them to the
 * registered listeners, synchronously or on an executor, in mutation order per key.
 */
package dev.larder.jcache.event;
