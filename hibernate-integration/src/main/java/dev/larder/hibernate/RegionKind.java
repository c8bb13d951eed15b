package dev.larder.hibernate;

import org.hibernate.cache.cfg.spi.DomainDataRegionConfig;

/**
 * What a second-level cache region holds, which decides its defaults: the update-timestamps region
 * must keep every entry, the others follow the configuration file's templates.
 *
 * <p>Thread-safety: immutable.
 */
enum RegionKind {
  ENTITY("entity"),
  COLLECTION("collection"),
  NATURAL_ID("natural-id"),
  QUERY_RESULTS("query results"),
  UPDATE_TIMESTAMPS("update timestamps");

  private final String label;

  RegionKind(String label) {
    this.label = label;
  }

  /** A domain region may hold several roles when they share a region name; entities win, then collections. */
  static RegionKind of(DomainDataRegionConfig config) {
    if (!config.getEntityCaching().isEmpty()) {
      return ENTITY;
    }
    if (!config.getCollectionCaching().isEmpty()) {
      return COLLECTION;
    }
    return NATURAL_ID;
  }

  /** The words used for this kind in log lines and messages. */
  String label() {
    return label;
  }
}
