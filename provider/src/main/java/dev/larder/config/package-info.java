/**
 * The configuration file a {@code CacheManager} URI points at: HOCON with defaults, named caches and
 * templates matched by cache-name pattern, validated on load with errors that name the file, line and
 * key. Entry points: {@link dev.larder.config.ConfigFile} and {@link dev.larder.config.LarderConfigException};
 * the rest is package-private. {@code com.typesafe:config} is touched only by {@code HoconReader}.
 */
package dev.larder.config;
