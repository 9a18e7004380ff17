package dev.s3tables.harness.junit;

import dev.s3tables.harness.LocalS3Tables;
import java.util.Arrays;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** Starts the stand-in a {@link StandIn} class asks for and stops it when the class (or run) ends. */
public final class LocalS3TablesExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalS3TablesExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalS3Tables.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    StandIn settings =
        AnnotationSupport.findAnnotation(testClass, StandIn.class)
            .orElseThrow(() -> new ParameterResolutionException(testClass + " has no @StandIn"));
    ExtensionContext owner = settings.shared() ? context.getRoot() : classContext(context);
    String key = settings.shared() ? key(settings) : testClass.getName();
    return owner
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(key, k -> new Running(start(settings)), Running.class)
        .standIn();
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  private static LocalS3Tables start(StandIn settings) {
    LocalS3Tables.Builder builder =
        LocalS3Tables.builder()
            .demo(settings.demo())
            .tpchScale(settings.tpchScale())
            .maxPageSize(settings.maxPageSize());
    for (String bucket : settings.buckets()) {
      builder.bucket(bucket);
    }
    return builder.start();
  }

  private static String key(StandIn settings) {
    return "shared:" + settings.demo() + ":" + settings.tpchScale() + ":"
        + Arrays.toString(settings.buckets()) + ":" + settings.maxPageSize();
  }

  /** Stops the stand-in when JUnit closes the store that holds it. */
  private record Running(LocalS3Tables standIn) implements AutoCloseable {
    @Override
    public void close() {
      standIn.close();
    }
  }
}
