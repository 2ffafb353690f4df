package io.radstream.results.webhook;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Webhook receivers must match an allowed prefix exactly in scheme, host and port, and lie under
 * its path; URLs with user info or a fragment, and non-HTTP(S) schemes, are never permitted.
 */
final class AllowList {

    private final List<URI> allowed;

    AllowList(List<String> prefixes) {
        this.allowed = prefixes.stream().map(URI::create).map(URI::normalize).toList();
    }

    boolean permits(URI url) {
        URI target = url.normalize();
        if (!isHttp(target) || target.getUserInfo() != null || target.getFragment() != null || target.getHost() == null) {
            return false;
        }
        return allowed.stream().anyMatch(prefix -> matches(prefix, target));
    }

    private static boolean matches(URI prefix, URI target) {
        return isHttp(prefix)
                && prefix.getScheme().equalsIgnoreCase(target.getScheme())
                && prefix.getHost() != null && prefix.getHost().equalsIgnoreCase(target.getHost())
                && port(prefix) == port(target)
                && pathOf(target).startsWith(pathOf(prefix));
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https");
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static String pathOf(URI uri) {
        String path = uri.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }
}
