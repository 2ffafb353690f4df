package io.radstream.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./radstream token --role uploader|reader|admin --tenant T [--subject S] [--hours H]}: prints a
 * bearer token signed with the development key (never accepted by a production deployment).
 */
public final class TokenMain {

    private static final Set<String> ROLES = Set.of("uploader", "reader", "admin");

    private TokenMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String role = options.get("role");
        String tenant = options.get("tenant");
        if (args.length % 2 != 0 || !ROLES.contains(role) || tenant == null || !tenant.matches("[a-z0-9][a-z0-9_-]{0,62}")) {
            System.err.println("usage: ./radstream token --role uploader|reader|admin --tenant TENANT "
                    + "[--subject NAME] [--hours N]   (tenant: lower-case letters, digits, '-', '_')");
            System.exit(2);
        }
        Path key = Path.of(options.getOrDefault("key", "config/dev-jwt/dev-private-key.pem"));
        String subject = options.getOrDefault("subject", role + "@" + tenant);
        Duration validity = Duration.ofHours(Long.parseLong(options.getOrDefault("hours", "12")));
        System.out.println(DevTokens.mint(key, subject, role, tenant, validity));
    }
}
