package dev.s3tables.harness;

/** The three network endpoints of the stand-in, as the service has them. */
public enum Endpoint {
  /** The Iceberg REST catalog under {@code /iceberg}. */
  CATALOG,
  /** The S3 Tables control-plane API (REST-JSON), beside the catalog on the same host. */
  CONTROL_PLANE,
  /** The S3-compatible object store that holds table data and metadata files. */
  STORAGE
}
