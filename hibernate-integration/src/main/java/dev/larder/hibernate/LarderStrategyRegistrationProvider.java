package dev.larder.hibernate;

import java.util.List;
import org.hibernate.boot.registry.selector.SimpleStrategyRegistrationImpl;
import org.hibernate.boot.registry.selector.StrategyRegistration;
import org.hibernate.boot.registry.selector.StrategyRegistrationProvider;
import org.hibernate.cache.spi.RegionFactory;

/**
 * Registers {@link LarderRegionFactory} with Hibernate under the short name {@code larder} (and its class
 * names), so that {@code hibernate.cache.region.factory_class=larder} selects it. Found by Hibernate through
 * {@code META-INF/services/org.hibernate.boot.registry.selector.StrategyRegistrationProvider}.
 *
 * <p>Thread-safety: stateless.
 */
public final class LarderStrategyRegistrationProvider implements StrategyRegistrationProvider {

  /** Used by the service loader. */
  public LarderStrategyRegistrationProvider() {}

  @Override
  public Iterable<StrategyRegistration<?>> getStrategyRegistrations() {
    return List.of(new SimpleStrategyRegistrationImpl<>(RegionFactory.class, LarderRegionFactory.class,
        LarderRegionFactory.SHORT_NAME, LarderRegionFactory.class.getName(), LarderRegionFactory.class.getSimpleName()));
  }
}
