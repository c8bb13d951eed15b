/**
 * How a cache reaches its system of record: the write modes ({@link dev.larder.integration.WriteMode}),
 * single-flight read-through ({@link dev.larder.integration.SingleFlight}), and write-behind
 * ({@link dev.larder.integration.WriteBehindWriter} with its settings, journal and serializer).
 *
 * <h2>Write-behind in one paragraph</h2>
 * A write-behind cache accepts a {@code put} or {@code remove} once the operation is in an in-memory
 * queue and, if configured, appended to a CRC32C-framed journal; a single flusher sends the queue to
 * the application's {@code CacheWriter} as coalesced {@code writeAll}/{@code deleteAll} batches after a
 * delay or when a batch is full, retrying failed batches with exponential backoff and never dropping
 * them. Per key, the writer sees operations in the order they were accepted (possibly skipping
 * superseded ones), and at most one at a time. A miss consults the queue before the loader. At start
 * the journal is replayed before the cache serves; on close the queue is flushed.
 *
 * <p>The JDBC loader and writer for a key/value table are in {@link dev.larder.integration.jdbc}.
 */
package dev.larder.integration;
