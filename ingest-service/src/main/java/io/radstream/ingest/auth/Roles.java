package io.radstream.ingest.auth;

/** The roles a token may carry in its {@code groups} claim. */
public final class Roles {

    /** May send images (STOW-RS, uploads). */
    public static final String UPLOADER = "uploader";
    /** May read what was sent (upload status). */
    public static final String READER = "reader";
    /** May do everything. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
