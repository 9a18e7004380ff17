package dev.s3tables.harness;

import static dev.s3tables.harness.TestTables.append;
import static dev.s3tables.harness.TestTables.read;
import static dev.s3tables.harness.TestTables.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.harness.junit.StandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Iceberg's own REST client with SigV4, against the stand-in's catalog and object store. */
@StandIn
class IcebergRestCatalogTest {
  private static final Schema SCHEMA = TestTables.SCHEMA;

  private final LocalS3Tables s3tables;
  private RESTCatalog catalog;

  IcebergRestCatalogTest(LocalS3Tables s3tables) {
    this.s3tables = s3tables;
  }

  @BeforeEach
  void connect() {
    catalog = Clients.restCatalog(s3tables);
  }

  @AfterEach
  void disconnect() throws IOException {
    catalog.close();
    s3tables.faults().clear();
  }

  @Test
  void createsListsLoadsAndDropsNamespacesAndTables() {
    Namespace sales = Namespace.of("sales");
    catalog.createNamespace(sales);
    assertThat(catalog.listNamespaces()).contains(sales);
    assertThat(catalog.loadNamespaceMetadata(sales)).doesNotContainKey("location");

    TableIdentifier orders = TableIdentifier.of(sales, "orders");
    Table created = catalog.createTable(orders, SCHEMA, PartitionSpec.unpartitioned());
    assertThat(created.location()).matches("s3://[0-9a-f-]{36}--table-s3");
    assertThat(catalog.listTables(sales)).containsExactly(orders);

    append(created, List.of(row(1L, "one"), row(2L, null)));
    Table loaded = catalog.loadTable(orders);
    assertThat(loaded.currentSnapshot()).isNotNull();
    assertThat(read(loaded)).containsExactlyInAnyOrder("1:one", "2:null");

    assertThatThrownBy(() -> catalog.dropNamespace(sales)).isInstanceOf(NamespaceNotEmptyException.class);
    assertThat(catalog.dropTable(orders, true)).isTrue();
    assertThatThrownBy(() -> catalog.loadTable(orders)).isInstanceOf(NoSuchTableException.class);
    assertThat(catalog.dropNamespace(sales)).isTrue();
  }

  @Test
  void tablesCreatedInTheBackendAreSeenByTheClientAndTheOtherWay() {
    Namespace ns = Namespace.of("shared_state");
    s3tables.bucket("demo").catalog().createNamespace(ns, Map.of());
    s3tables.bucket("demo").catalog().createTable(TableIdentifier.of(ns, "from_backend"), SCHEMA);
    catalog.createTable(TableIdentifier.of(ns, "from_client"), SCHEMA);

    assertThat(catalog.listTables(ns))
        .containsExactlyInAnyOrder(TableIdentifier.of(ns, "from_backend"), TableIdentifier.of(ns, "from_client"));
    assertThat(s3tables.bucket("demo").catalog().tableExists(TableIdentifier.of(ns, "from_client"))).isTrue();
  }

  @Test
  void dropWithoutPurgeIsRefusedAsTheServiceDoes() {
    Namespace ns = Namespace.of("purge_rule");
    catalog.createNamespace(ns);
    TableIdentifier t = TableIdentifier.of(ns, "t");
    catalog.createTable(t, SCHEMA);

    assertThatThrownBy(() -> catalog.dropTable(t, false))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("only supports dropping tables with purge enabled");
    assertThat(catalog.tableExists(t)).isTrue();
  }

  @Test
  void namingRulesAreCheckedWithTheRuleInTheMessage() {
    assertThatThrownBy(() -> catalog.createNamespace(Namespace.of("Upper")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("lowercase letters, digits and underscores");
    assertThatThrownBy(() -> catalog.createNamespace(Namespace.of("aws_reserved")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("may not start with 'aws'");
    assertThatThrownBy(() -> catalog.createNamespace(Namespace.of("a", "b")))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("exactly one level");
    assertThatThrownBy(() -> catalog.createNamespace(Namespace.of("x".repeat(256))))
        .isInstanceOf(BadRequestException.class);

    catalog.createNamespace(Namespace.of("names"));
    assertThatThrownBy(() -> catalog.createTable(TableIdentifier.of("names", "has-dash"), SCHEMA))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("Invalid table name 'has-dash'");
    assertThatThrownBy(() -> catalog.createTable(TableIdentifier.of("names", "_leading"), SCHEMA))
        .isInstanceOf(BadRequestException.class);
    assertThatThrownBy(
            () -> catalog.buildTable(TableIdentifier.of("names", "located"), SCHEMA).withLocation("s3://mine/t").create())
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("assigns table locations");
  }

  @Test
  void advertisesNoViewsAndSendsNoMetricsReports() {
    Namespace ns = Namespace.of("no_views");
    catalog.createNamespace(ns);
    assertThat(catalog.listViews(ns)).isEmpty();
    Table table = catalog.createTable(TableIdentifier.of(ns, "t"), SCHEMA);
    append(table, List.of(row(7L, "seven")));
    s3tables.counters().reset();
    assertThat(read(catalog.loadTable(TableIdentifier.of(ns, "t")))).containsExactly("7:seven");

    assertThat(s3tables.counters().count(Endpoint.CATALOG, "views")).isZero();
    assertThat(s3tables.counters().count(Endpoint.CATALOG, "reportMetrics")).isZero();
    assertThat(s3tables.counters().count(Endpoint.CATALOG, "loadTable")).isEqualTo(1);
  }

  @Test
  void listingTablesCostsOneRequestAPageAndNoTableLoads() {
    Namespace ns = Namespace.of("many");
    catalog.createNamespace(ns);
    for (int i = 0; i < 25; i++) {
      s3tables.bucket("demo").catalog().createTable(TableIdentifier.of(ns, "t" + i), SCHEMA);
    }
    try (RESTCatalog paged = Clients.restCatalog(s3tables, Map.of("rest-page-size", "10"))) {
      s3tables.counters().reset();
      assertThat(paged.listTables(ns)).hasSize(25);
      assertThat(s3tables.counters().count(Endpoint.CATALOG, "listTables")).isEqualTo(3);
      assertThat(s3tables.counters().count(Endpoint.CATALOG, "loadTable")).isZero();
      assertThat(s3tables.counters().total(Endpoint.STORAGE)).isZero();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anUnknownBucketAnswersWithAnIcebergError() {
    String unknown = s3tables.bucketArn("no-such-bucket");
    assertThatThrownBy(() -> Clients.restCatalog(s3tables, Map.of("warehouse", unknown)))
        .hasMessageContaining("does not exist")
        .hasMessageContaining(unknown);
  }

  @Test
  void eachBucketIsItsOwnWarehouse() throws IOException {
    s3tables.buckets().getOrCreate("second");
    try (RESTCatalog second = Clients.restCatalog(s3tables, Map.of("warehouse", s3tables.bucketArn("second")))) {
      second.createNamespace(Namespace.of("only_in_second"));
      assertThat(second.listNamespaces()).containsExactly(Namespace.of("only_in_second"));
      assertThat(catalog.listNamespaces()).doesNotContain(Namespace.of("only_in_second"));
    }
  }
}
