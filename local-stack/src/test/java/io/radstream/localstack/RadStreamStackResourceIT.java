package io.radstream.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;

class RadStreamStackResourceIT {

    @Test
    void shouldShareOneStackBetweenTestClassesAndDisableDevServices() {
        Map<String, String> first = new RadStreamStackResource().start();
        Map<String, String> second = new RadStreamStackResource().start();

        assertThat(second).isEqualTo(first);
        assertThat(first).containsEntry("quarkus.kafka.devservices.enabled", "false")
                .containsAllEntriesOf(RadStreamStackResource.stack().serviceConfig());
        assertThat(RadStreamStackResource.stack()).isSameAs(RadStreamStackResource.stack());
    }

    @Test
    void shouldAttachOtherClassLoadersToTheRunningStackInsteadOfStartingAnother() throws Exception {
        Map<String, String> owned = RadStreamStackResource.stack().serviceConfig();
        URL classes = Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
        try (URLClassLoader isolated = new ChildFirstLoader(classes, getClass().getClassLoader())) {
            Class<?> resource = isolated.loadClass(RadStreamStackResource.class.getName());
            assertThat(resource).isNotSameAs(RadStreamStackResource.class);
            Object stack = resource.getMethod("stack").invoke(null);
            Method serviceConfig = stack.getClass().getMethod("serviceConfig");
            assertThat(serviceConfig.invoke(stack)).isEqualTo(owned);
            Object s3 = stack.getClass().getMethod("s3").invoke(stack);
            assertThat(s3.getClass().getMethod("process").invoke(s3)).as("an attached S3 owns no process")
                    .isEqualTo(java.util.Optional.empty());
        }
    }

    @Test
    void shouldLetTestsUseTheSharedStackDirectly() throws Exception {
        LocalStack stack = RadStreamStackResource.stack();
        try (MinioClient s3 = stack.s3().newClient()) {
            s3.putObject(PutObjectArgs.builder().bucket(stack.bucket()).object("shared/probe")
                    .stream(new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, -1).build());
            assertThat(s3.statObject(StatObjectArgs.builder().bucket(stack.bucket()).object("shared/probe").build()).size())
                    .isEqualTo(3);
        }
    }

    /** Loads this module's classes again, as a second Quarkus application class loader would. */
    private static final class ChildFirstLoader extends URLClassLoader {
        ChildFirstLoader(URL classes, ClassLoader parent) {
            super(new URL[] {classes}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("io.radstream.localstack.")) {
                    Class<?> c = findLoadedClass(name);
                    return c != null ? c : findClass(name);
                }
                return super.loadClass(name, resolve);
            }
        }
    }
}
