package io.radstream.results;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the results API tests that call the API as a reader of {@link TestEvents#TENANT}: every
 * RestAssured request of the class carries that token unless it names its own Authorization header.
 */
public abstract class AsReader {

    @BeforeAll
    static void authenticateAsReader() {
        ApiTokens.readerByDefault();
    }

    @AfterAll
    static void forgetToken() {
        ApiTokens.noDefault();
    }
}
