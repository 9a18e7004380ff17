package dev.s3tables.calcite.types;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeSystem;

/**
 * The type factory of the driver's connections: Calcite's, with UTF-8 as the character set of
 * character types and string literals. Calcite's default is ISO-8859-1 (system property {@code
 * calcite.default.charset}), with which a literal such as {@code 'Zürich ✓ 日本'} fails ("Failed to
 * encode ... in character set 'ISO-8859-1'"), while Iceberg strings are UTF-8 and other engines
 * write and compare any Unicode text.
 */
public final class S3TablesTypeFactory extends JavaTypeFactoryImpl {
  public S3TablesTypeFactory(RelDataTypeSystem typeSystem) {
    super(typeSystem);
  }

  @Override
  public Charset getDefaultCharset() {
    return StandardCharsets.UTF_8;
  }
}
