package dev.s3tables.calcite.ddl;

import dev.s3tables.calcite.ddl.parser.S3TablesSqlParserImpl;
import java.io.Reader;
import org.apache.calcite.server.DdlExecutor;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParserImplFactory;

/**
 * The SQL parser of s3tables connections: Calcite's grammar with the DDL of S3 Tables (generated
 * from src/main/codegen as {@link S3TablesSqlParserImpl}), whose statements {@link
 * IcebergDdlExecutor} runs. Set it as Calcite's connection property {@code parserFactory} with
 * {@link #CONNECTION_PROPERTY_VALUE}.
 */
public final class S3TablesParser {
  public static final SqlParserImplFactory FACTORY =
      new SqlParserImplFactory() {
        @Override
        public SqlAbstractParserImpl getParser(Reader stream) {
          return S3TablesSqlParserImpl.FACTORY.getParser(stream);
        }

        @Override
        public DdlExecutor getDdlExecutor() {
          return IcebergDdlExecutor.INSTANCE;
        }
      };

  /** Value for the Calcite connection property {@code parserFactory}. */
  public static final String CONNECTION_PROPERTY_VALUE = S3TablesParser.class.getName() + "#FACTORY";

  private S3TablesParser() {}
}
