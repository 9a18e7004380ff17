package dev.s3tables.jdbc.catalog;

import dev.s3tables.jdbc.config.EndpointPolicy;
import java.util.Map;
import org.apache.iceberg.aws.s3.S3FileIO;

/**
 * Iceberg's S3FileIO, refusing an S3 endpoint the catalog service handed out (in its
 * configuration or a table's) that is plain http to another machine. Iceberg creates it by class
 * name for the catalog and for every table whose load response carries configuration.
 */
public final class EndpointCheckedS3FileIO extends S3FileIO {
  private static final long serialVersionUID = 1L;

  @Override
  public void initialize(Map<String, String> properties) {
    EndpointPolicy.checkAdvertised(
        "the S3 endpoint",
        properties.get("s3.endpoint"),
        Boolean.parseBoolean(properties.get(EndpointPolicy.ALLOW_INSECURE_CATALOG_PROPERTY)));
    super.initialize(properties);
  }
}
