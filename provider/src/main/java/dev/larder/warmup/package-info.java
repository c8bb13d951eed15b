/**
 * Cache warming: loading a configured set of keys through a cache's loader when the cache opens,
 * before it is handed out or in the background, with progress for logs and management.
 */
package dev.larder.warmup;
