package dev.s3tables.harness.junit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class a started {@link dev.s3tables.harness.LocalS3Tables}: declare a parameter
 * of that type in a test, a lifecycle method or the constructor. One stand-in serves the whole
 * class and stops after it; with {@code shared = true}, one stand-in of the same settings serves
 * every class that asks for it in the test run (for read-only use of the demo data).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(LocalS3TablesExtension.class)
public @interface StandIn {
  /** Seed the demo data into the first bucket. */
  boolean demo() default false;

  double tpchScale() default 0.01;

  /** Table buckets to create; the first is the one {@code jdbcUrl()} and {@code bucketArn()} name. */
  String[] buckets() default {"demo"};

  /** The largest control-plane page. */
  int maxPageSize() default 1000;

  boolean shared() default false;
}
