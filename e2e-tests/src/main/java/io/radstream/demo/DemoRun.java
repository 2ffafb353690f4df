package io.radstream.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Uploads the demo studies, waits for every report to be final with all findings, reads the alerts,
 * and summarises. Used by {@code ./radstream demo} and by the end-to-end test.
 */
public final class DemoRun {

    private final DemoClient client;
    private final PrintStream out;

    public DemoRun(DemoClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    /** Counts of the run; {@code ok} when every image got its findings, every study a final report, and every study expected to be urgent an alert. */
    public record Summary(int studies, int images, int findings, int reports, int alerts, boolean ok) {
        public String json() {
            return "{\"studies\":" + studies + ",\"images\":" + images + ",\"findings\":" + findings + ",\"reports\":"
                    + reports + ",\"alerts\":" + alerts + "}";
        }
    }

    public Summary run(List<SampleStudy> studies, Duration timeout) throws IOException, InterruptedException {
        Map<SampleStudy, String> uids = new LinkedHashMap<>();
        for (SampleStudy study : studies) {
            uids.put(study, client.upload(study));
            out.printf("uploaded %-28s %-8s %d image(s) -> study %s%n", study.name(), study.priority(), study.files().size(),
                    uids.get(study));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int images = 0;
        int findings = 0;
        int reports = 0;
        int alerts = 0;
        boolean ok = true;
        List<String> lines = new ArrayList<>();
        for (Map.Entry<SampleStudy, String> entry : uids.entrySet()) {
            SampleStudy study = entry.getKey();
            JsonNode report = awaitFinal(entry.getValue(), study.files().size(), deadline);
            List<JsonNode> studyAlerts = client.alerts(entry.getValue());
            images += study.files().size();
            boolean complete = report != null && DemoClient.complete(report, study.files().size());
            if (complete) {
                reports++;
                findings += report.path("findingIds").size();
            }
            alerts += studyAlerts.size();
            boolean studyOk = complete && (!study.expectUrgent() || !studyAlerts.isEmpty());
            ok &= studyOk;
            lines.add(describe(study, report, studyAlerts, studyOk));
        }
        out.println();
        out.println("RadStream demo results (AI triage notification only, not for diagnosis)");
        lines.forEach(out::println);
        return new Summary(studies.size(), images, findings, reports, alerts, ok);
    }

    private JsonNode awaitFinal(String studyUid, int images, long deadline) throws IOException, InterruptedException {
        JsonNode report = null;
        while (System.nanoTime() < deadline) {
            report = client.report(studyUid);
            if (report != null && "FINAL".equals(report.path("status").asText()) && DemoClient.complete(report, images)) {
                return report;
            }
            Thread.sleep(250);
        }
        return report;
    }

    private static String describe(SampleStudy study, JsonNode report, List<JsonNode> alerts, boolean ok) {
        StringBuilder line = new StringBuilder(String.format("  %s %-28s status=%-11s", ok ? "OK  " : "FAIL", study.name(),
                report == null ? "(none)" : report.path("status").asText()));
        if (report != null) {
            for (JsonNode label : report.path("labels")) {
                line.append(String.format(" %s=%.3f%s", label.path("label").asText(), label.path("maxScore").asDouble(),
                        label.path("positive").asBoolean() ? "(+)" : ""));
            }
            for (JsonNode m : report.path("measurements")) {
                line.append(String.format(" %s=%.1f%s", m.path("name").asText(), m.path("value").asDouble(),
                        m.path("unit").asText()));
            }
        }
        alerts.forEach(a -> line.append("  ALERT ").append(a.path("urgency").asText()).append(' ')
                .append(a.path("display").asText()));
        return line.toString();
    }
}
