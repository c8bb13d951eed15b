/**
 * The engine: a concurrent map that may be bounded and whose entries may expire, knowing nothing of
 * JCache. {@link dev.larder.engine.StoreBuilder} builds a {@link dev.larder.engine.Store}; without a
 * bound it is a plain {@code ConcurrentHashMap} (plus a timer wheel for entries with a deadline),
 * with one it keeps its entries in its own hash table of policy nodes ({@code NodeTable}), records
 * reads and writes into buffers and replays them onto an eviction policy from
 * {@link dev.larder.policy} during maintenance (see {@code ConcurrentStore} for the design).
 * {@link dev.larder.engine.HeapWeigher} bounds a store by estimated heap bytes.
 */
package dev.larder.engine;
