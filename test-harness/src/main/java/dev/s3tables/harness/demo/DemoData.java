package dev.s3tables.harness.demo;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.data.Record;

/**
 * Seeds a catalog with the demo data the driver's read path is checked against. The data is
 * written with the Iceberg Java API directly, never through the driver, so it is an independent
 * oracle:
 *
 * <ul>
 *   <li>namespace {@code tpch}: the eight TPC-H tables ({@link TpchTables});
 *   <li>namespace {@code demo}: {@code points} ({@link PointsTable}) and {@code all_types} ({@link
 *       AllTypesTable}).
 * </ul>
 *
 * <p>Every table is filled by ONE append, so each has exactly one snapshot.
 */
public final class DemoData {
  public static final Namespace TPCH = Namespace.of("tpch");
  public static final Namespace DEMO = Namespace.of("demo");

  private DemoData() {}

  /**
   * Seeds namespaces {@code tpch} and {@code demo} into the catalog, creating them if missing.
   * Idempotent: tables that already exist are skipped whatever they hold (also a TPC-H table of
   * another scale; its {@link TpchTables#SCALE_FACTOR_PROPERTY} tells). A table whose seeding fails
   * is dropped again, so that the next call creates it afresh.
   *
   * @param catalog the catalog; it must also implement {@link SupportsNamespaces}. Table locations
   *     are left to it.
   * @param tpchScale the TPC-H scale factor, e.g. 0.01 (lineitem has 60,175 rows) or 1 (6,001,215)
   */
  public static void seed(Catalog catalog, double tpchScale) {
    requireNonNull(catalog, "catalog");
    if (!(tpchScale > 0) || Double.isInfinite(tpchScale)) {
      throw new IllegalArgumentException("TPC-H scale must be positive and finite: " + tpchScale);
    }
    if (!(catalog instanceof SupportsNamespaces namespaces)) {
      throw new IllegalArgumentException(
          "Catalog " + catalog.name() + " does not implement SupportsNamespaces");
    }
    createIfMissing(namespaces, TPCH);
    createIfMissing(namespaces, DEMO);
    TpchSeeder.seed(catalog, tpchScale);
    seedIfMissing(catalog, PointsTable.DEFINITION, PointsTable.expectedRows());
    seedIfMissing(catalog, AllTypesTable.DEFINITION, AllTypesTable.expectedRows());
  }

  private static void createIfMissing(SupportsNamespaces namespaces, Namespace namespace) {
    if (!namespaces.namespaceExists(namespace)) {
      namespaces.createNamespace(namespace);
    }
  }

  private static void seedIfMissing(
      Catalog catalog, TableDefinition definition, List<Record> rows) {
    if (catalog.tableExists(definition.identifier())) {
      return;
    }
    Table table = definition.create(catalog);
    try {
      IcebergRowWriter.append(table, rows);
    } catch (RuntimeException e) {
      definition.dropAfterFailedSeed(catalog, e);
      throw e;
    }
  }
}
