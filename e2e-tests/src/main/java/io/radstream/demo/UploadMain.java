package io.radstream.demo;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Entry point of {@code ./radstream upload}; exit status 0 only if every study was stored. */
public final class UploadMain {

    private UploadMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                paths.add(Path.of(args[i]));
            }
        }
        if (paths.isEmpty()) {
            System.err.println("usage: ./radstream upload PATH... [--priority STAT|URGENT|ROUTINE] "
                    + "[--modality DX --body-part CHEST --patient REF]");
            System.exit(2);
        }
        DemoClient client = new DemoClient(URI.create(options.getOrDefault("ingest", "http://127.0.0.1:8081")),
                URI.create(options.getOrDefault("results", "http://127.0.0.1:8083")),
                options.getOrDefault("token", System.getenv("RADSTREAM_TOKEN")), null); // uploads only
        List<UploadCommand.Sent> sent = new UploadCommand(client, System.err).upload(paths, options);
        System.exit(sent.stream().allMatch(s -> s.error() == null) ? 0 : 1);
    }
}
