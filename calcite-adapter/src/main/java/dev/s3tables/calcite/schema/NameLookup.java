package dev.s3tables.calcite.schema;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;
import org.apache.calcite.linq4j.function.Predicate1;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A Calcite lookup over names a catalog lists: finding one name costs no more than the (cached)
 * listing, and the entity for a name is only created when asked for.
 */
final class NameLookup<T> implements Lookup<T> {
  private final Supplier<List<String>> names;
  private final Function<String, T> entity;

  NameLookup(Supplier<List<String>> names, Function<String, T> entity) {
    this.names = requireNonNull(names, "names");
    this.entity = requireNonNull(entity, "entity");
  }

  @Override
  public @Nullable T get(String name) {
    return names.get().contains(name) ? entity.apply(name) : null;
  }

  @Override
  public @Nullable Named<T> getIgnoreCase(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (String candidate : names.get()) {
      if (candidate.toLowerCase(Locale.ROOT).equals(wanted)) {
        return new Named<>(candidate, entity.apply(candidate));
      }
    }
    return null;
  }

  @Override
  public Set<String> getNames(LikePattern pattern) {
    Predicate1<String> matches = pattern.matcher();
    Set<String> result = new LinkedHashSet<>();
    for (String name : names.get()) {
      if (matches.apply(name)) {
        result.add(name);
      }
    }
    return result;
  }
}
