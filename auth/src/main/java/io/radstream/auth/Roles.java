package io.radstream.auth;

/** The roles a token may carry in its {@code groups} claim, the same in every RadStream service. */
public final class Roles {

    /** May send images (ingest: STOW-RS, uploads). */
    public static final String UPLOADER = "uploader";
    /** May read what was sent and what came of it (ingest: upload status; results: reports, worklist, alerts, acknowledgements). */
    public static final String READER = "reader";
    /** May do everything. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
