package io.radstream.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * results-service's operations page in a real headless Chromium (Debian {@code chromium} and
 * {@code chromedriver}, never downloaded): what a person sees and clicks.
 */
final class OperationsPage implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver browser;

    /** Opens the page signed in with {@code token} (a reader's), handed over in the URL fragment as the launcher does. */
    OperationsPage(URI results, String token) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail("the operations page test needs Debian's chromium and chromium-driver: "
                    + "apt-get install -y chromium chromium-driver (.ci/run does this before ./mvnw verify)");
        }
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1400,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.get(results.resolve("/").toString() + "#token=" + token);
    }

    String title() {
        return browser.getTitle();
    }

    /** The principal the page says it is signed in as. */
    String signedInAs() {
        return browser.findElement(By.id("principal")).getText();
    }

    String connection() {
        return browser.findElement(By.id("connection")).getText();
    }

    /**
     * The worklist row of a study as "class|text", read in one script run (the page re-renders its
     * tables while it updates, so element handles go stale), or null while the page does not show it.
     */
    String worklistRow(String studyUid) {
        return (String) ((JavascriptExecutor) browser).executeScript(
                "const row = [...document.querySelectorAll('#worklist tbody tr')]"
                        + ".find(r => r.dataset.study === arguments[0]);"
                        + "return row ? row.className + '|' + row.innerText : null;", studyUid);
    }

    /** @return how many open alerts the page shows for a study */
    long openAlerts(String studyUid) {
        return (Long) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#alerts tbody tr')]"
                        + ".filter(r => r.innerText.includes(arguments[0])).length;", studyUid);
    }

    /**
     * Clicks the first open alert's Acknowledge button of a study (recorded for the signed-in
     * principal). The alert list re-renders while it refreshes, so a click on a row just replaced is retried.
     */
    void acknowledge(String studyUid) {
        clickRetrying(() -> browser.findElements(By.cssSelector("#alerts tbody tr")).stream()
                .filter(row -> row.getText().contains(studyUid)).findFirst().orElseThrow()
                .findElement(By.cssSelector("button.ack")));
    }

    /** Opens a study's detail by clicking its worklist row (retried while the table re-renders). */
    void select(String studyUid) {
        clickRetrying(() -> browser.findElements(By.cssSelector("#worklist tbody tr")).stream()
                .filter(row -> studyUid.equals(row.getDomAttribute("data-study"))).findFirst().orElseThrow());
    }

    /** Clicks what {@code target} finds; the tables re-render while they update, so a stale or missing element is retried. */
    private static void clickRetrying(java.util.function.Supplier<org.openqa.selenium.WebElement> target) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .ignoreExceptionsMatching(e -> e instanceof org.openqa.selenium.StaleElementReferenceException
                        || e instanceof java.util.NoSuchElementException)
                .until(() -> {
                    target.get().click();
                    return true;
                });
    }

    /**
     * The heatmap overlays the selected study's detail shows, as "alt|naturalWidth x naturalHeight" of each
     * image the browser has decoded (0 x 0 while it is still loading or when it failed).
     */
    @SuppressWarnings("unchecked")
    java.util.List<String> heatmaps() {
        return (java.util.List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#study-detail .artifact.heatmap img')]"
                        + ".map(i => i.alt + '|' + i.naturalWidth + 'x' + i.naturalHeight);");
    }

    @Override
    public void close() {
        browser.quit();
    }
}
