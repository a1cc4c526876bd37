package dev.tocsin.publisher.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tocsin.avro.Subscription;
import dev.tocsin.publisher.PublisherService;
import dev.tocsin.publisher.browser.WebDriverChromium;
import dev.tocsin.publisher.subscribe.EmailSubscriptionRequest;
import dev.tocsin.schemas.topics.Topics;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The subscription flow in a real browser (headless Chromium through chromedriver) against a running
 * status-publisher with a real SMTP server: fill in and submit the form, open the confirmation link
 * from the received mail and confirm, then follow the unsubscribe link and unsubscribe. The pages run
 * under their Content-Security-Policy and the form's CSRF cookie, as a visitor's browser would.
 * Screenshots are kept in {@code target/screenshots/}.
 */
class SubscriptionBrowserTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Test
    void subscribeConfirmFromTheMailAndUnsubscribeInTheBrowser() throws Exception {
        ChromeDriver chrome = WebDriverChromium.open();
        Topics topics = PublisherHarness.topics();
        try (PublisherService publisher =
                SubscriptionFlowTest.start(topics, SMTP.getSmtp().getPort())) {
            String base = "http://127.0.0.1:" + publisher.port();
            chrome.get(base + "/subscribe?locale=ja");
            assertThat(chrome.findElement(By.tagName("h1")).getText()).isEqualTo("ステータス更新を購読");
            chrome.findElement(By.id("email")).sendKeys("yuki@example.jp");
            chrome.findElement(By.id("component-voice")).click();
            new Select(chrome.findElement(By.id("language"))).selectByValue("ja");
            WebDriverChromium.screenshot(chrome, "subscribe-form-ja.png");
            chrome.findElement(By.id("subscribe")).click();
            assertThat(message(chrome)).contains("確認用リンクをお送りしました");

            assertThat(SMTP.waitForIncomingEmail(60_000, 1)).isTrue();
            MimeMessage mail = SMTP.getReceivedMessages()[0];
            assertThat(mail.getSubject()).endsWith("の購読を確認してください");
            chrome.get(SubscriptionFlowTest.confirmLink(mail));
            WebDriverChromium.screenshot(chrome, "subscribe-confirm-ja.png");
            button(chrome, "confirm").click();
            assertThat(message(chrome)).isEqualTo("購読が確認されました。すべてのメールに購読解除用のリンクがあります。");
            List<Subscription> written =
                    PublisherHarness.readUntil(topics.subscriptions(), l -> !l.isEmpty(), Duration.ofSeconds(30));
            assertThat(written).singleElement().satisfies(s -> {
                assertThat(s.getSubscriptionId())
                        .isEqualTo(EmailSubscriptionRequest.subscriptionId("yuki@example.jp", "voice"));
                assertThat(s.getLocale()).isEqualTo("ja");
            });

            chrome.findElement(By.partialLinkText("購読を解除する")).click();
            WebDriverChromium.screenshot(chrome, "unsubscribe.png");
            button(chrome, "confirm").click();
            assertThat(message(chrome)).startsWith("購読を解除しました");
            List<Subscription> after =
                    PublisherHarness.readUntil(topics.subscriptions(), l -> l.size() >= 2, Duration.ofSeconds(30));
            assertThat(after.get(1)).as("the tombstone").isNull();
        } finally {
            chrome.quit();
        }
    }

    /**
     * The answer page's message, once the form's POST has navigated there: a click on a submit button does not
     * always wait for the next page, so the old page may still be shown for a moment.
     */
    private static String message(org.openqa.selenium.WebDriver chrome) {
        return new org.openqa.selenium.support.ui.WebDriverWait(chrome, Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("message")).getText());
    }

    /** A button of the page a link led to, once that page is shown. */
    private static org.openqa.selenium.WebElement button(org.openqa.selenium.WebDriver chrome, String id) {
        return new org.openqa.selenium.support.ui.WebDriverWait(chrome, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id(id)));
    }
}
