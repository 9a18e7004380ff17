package dev.s3tables.jdbc.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.s3tables.jdbc.config.EndpointPolicy;
import java.io.IOException;
import java.util.Map;
import org.apache.iceberg.rest.RESTClient;
import org.junit.jupiter.api.Test;

/** The REST client builder refuses a catalog endpoint the service's configuration moves to plain http. */
class CatalogConnectorTest {
  @Test
  void aPlainHttpCatalogEndpointFromTheServiceIsRefused() throws IOException {
    assertThatThrownBy(() -> CatalogConnector.clientBuilder(false).apply(Map.of("uri", "http://example.com/iceberg")))
        .isInstanceOf(EndpointPolicy.InsecureEndpointException.class)
        .hasMessageContaining("the catalog endpoint http://example.com");
    try (RESTClient allowed = CatalogConnector.clientBuilder(true).apply(Map.of("uri", "http://example.com/iceberg"));
        RESTClient local = CatalogConnector.clientBuilder(false).apply(Map.of("uri", "http://127.0.0.1:1/iceberg"))) {
      assertThat(allowed).isNotNull();
      assertThat(local).isNotNull();
    }
  }
}
