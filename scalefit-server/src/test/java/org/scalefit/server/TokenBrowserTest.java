package org.scalefit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page of a server with a token, in headless Chromium: opened once at the printed address with
 * ?token=, it lands on the clean address, keeps the token in the HttpOnly cookie (the script never sees it)
 * and uploads with the XSRF header, as a user would.
 */
class TokenBrowserTest {
    @TempDir
    static Path dataDir;
    @TempDir
    static Path profile;
    @TempDir
    static Path files;
    static ApiServer server;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        server = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, dataDir, 1 << 20, "s3cret-token", 1));
        browser = BrowserTest.chromium(profile, 1200, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theFirstAddressLogsInAndThePageUploadsWithTheCookie() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(server.loginUrl());
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
        assertThat(browser.getCurrentUrl()).isEqualTo(server.url());
        assertThat(browser.findElement(By.id("error")).isDisplayed()).as("error box").isFalse();
        String scriptCookies = (String) ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.cookie");
        assertThat(scriptCookies).contains("_xsrf=").doesNotContain("s3cret-token");

        Path runs = Files.writeString(files.resolve("runs.csv"), "N,L\n1e8,3.1\n1e9,2.7\n1e10,2.4\n",
                StandardCharsets.UTF_8);
        browser.findElement(By.id("file")).sendKeys(runs.toString());
        browser.findElement(By.id("upload")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("ds-name"), "3 rows"));
        assertThat(browser.findElement(By.id("error")).isDisplayed()).as("error box").isFalse();

        Http h = new Http(server.url());
        h.token = "s3cret-token";
        assertThat(h.get("/api/v1/datasets").json().get("total").asInt()).isEqualTo(1);
    }
}
