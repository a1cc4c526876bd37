package dev.tocsin.containers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only where a Docker engine answers and can provide every
 * named image (present locally or pulled now); otherwise it is disabled with the reason, so a
 * machine without Docker, or with an engine that cannot pull, skips cleanly instead of failing.
 *
 * <p>An image is named literally ({@code apache/kafka:4.3.1}) or as {@code ${property}}
 * (see {@link ImageNames}), so the build can choose versions without touching the tests.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ImagesAvailableCondition.class)
public @interface RequiresImages {

    /** The images the test starts containers from. */
    String[] value();
}
