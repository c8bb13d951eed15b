/**
 * A {@code CacheLoader} and {@code CacheWriter} over one key/value table of any JDBC
 * {@code DataSource} ({@link dev.larder.integration.jdbc.JdbcKeyValueStore}), with the column types
 * ({@link dev.larder.integration.jdbc.ColumnType}) and the upsert flavour of the database
 * ({@link dev.larder.integration.jdbc.SqlDialect}) pluggable.
 */
package dev.larder.integration.jdbc;
