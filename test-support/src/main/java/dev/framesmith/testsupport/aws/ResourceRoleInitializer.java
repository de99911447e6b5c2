package dev.framesmith.testsupport.aws;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Learns the queue and table names of every Spring application a test starts, also those a test runs itself
 * ({@code new SpringApplicationBuilder(...).run(args)}), so that their AWS calls are recorded by role.
 */
public final class ResourceRoleInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ResourceRoles.register(context.getEnvironment());
    }
}
