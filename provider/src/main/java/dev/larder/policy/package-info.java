/**
 * Eviction policies, one small single-threaded class each behind {@link dev.larder.policy.Policy}:
 * LRU, LFU with aging, FIFO, RANDOM, ARC, SIEVE, S3-FIFO and W-TinyLFU (the default, with its
 * frequency sketch and hill-climbing window). Policies link the engine's nodes through
 * {@link dev.larder.policy.PolicyNode} and never allocate per entry; ghost lists keep key hashes only.
 */
package dev.larder.policy;
