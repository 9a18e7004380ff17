package dev.s3tables.harness.catalog;

import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Consumer;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.rest.RESTCatalogAdapter;
import org.apache.iceberg.rest.RESTCatalogServlet;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Iceberg's REST reference servlet over one bucket's catalog, answering invalid requests as the
 * service does: as BadRequestException, not with the name of a Java exception class. Server
 * failures are logged here, because the reference servlet logs every 4xx answer as an error too and
 * its logger is switched off.
 */
final class BucketRestServlet extends RESTCatalogServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(BucketRestServlet.class);

  BucketRestServlet(Catalog catalog) {
    super(new RESTCatalogAdapter(catalog));
  }

  @Override
  protected Consumer<ErrorResponse> handle(HttpServletResponse response) {
    Consumer<ErrorResponse> write = super.handle(response);
    return error -> {
      if (error.code() >= 500) {
        LOG.warn("Catalog error {} {}: {}\n{}", error.code(), error.type(), error.message(), error.stack() == null ? "" : String.join("\n", error.stack()));
      }
      if ("IllegalArgumentException".equals(error.type())) {
        write.accept(
            ErrorResponse.builder()
                .responseCode(400)
                .withType("BadRequestException")
                .withMessage(error.message())
                .build());
      } else {
        write.accept(error);
      }
    };
  }
}
