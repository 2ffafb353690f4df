package io.radstream.e2e;

import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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

    OperationsPage(URI results) {
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
        browser.get(results.resolve("/").toString());
    }

    String title() {
        return browser.getTitle();
    }

    String connection() {
        return browser.findElement(By.id("connection")).getText();
    }

    /** @return the worklist row of a study, or null while the page does not show it */
    WebElement worklistRow(String studyUid) {
        return first(browser.findElements(By.cssSelector("#worklist tbody tr[data-study='" + studyUid + "']")));
    }

    /** @return the open alerts shown for a study */
    List<WebElement> openAlerts(String studyUid) {
        return browser.findElements(By.cssSelector("#alerts tbody tr")).stream()
                .filter(row -> row.getText().contains(studyUid)).toList();
    }

    void acknowledgeAs(String who, WebElement alertRow) {
        WebElement by = browser.findElement(By.id("ack-by"));
        by.clear();
        by.sendKeys(who);
        alertRow.findElement(By.cssSelector("button.ack")).click();
    }

    private static WebElement first(List<WebElement> elements) {
        return elements.isEmpty() ? null : elements.get(0);
    }

    @Override
    public void close() {
        browser.quit();
    }
}
