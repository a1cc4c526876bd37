package dev.tocsin.console.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tocsin.console.stack.RunningStack;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser against the real pipeline: an operator logs in, sees an incident
 * appear live after an alert is posted, acknowledges it, publishes it, posts an internal note
 * that stays off the public status page and a public update that reaches it, sees a rejected command's reason, merges a second incident into
 * it and resolves it; support can read and link tickets but not act. The access rules are checked
 * over plain HTTP too (they hold without a browser).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleInBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern INCIDENT_ID = Pattern.compile("chat-[0-9a-f]{8}");

    @TempDir
    static Path dataDir;

    private RunningStack stack;
    private ChromeDriver chrome;

    @BeforeAll
    void start() {
        stack = RunningStack.start(dataDir);
    }

    @AfterAll
    void stop() {
        if (chrome != null) {
            chrome.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(chrome, PATIENCE, Duration.ofMillis(200));
        // the page reloads itself once a command applied: an element read during the swap is stale, or Chromium
        // reports its node as gone from the document ("Node with given id does not belong to the document")
        wait.ignoring(StaleElementReferenceException.class);
        wait.ignoring(WebDriverException.class);
        return wait;
    }

    private void logIn(String user) {
        if (chrome == null) {
            chrome = Browser.open();
        }
        chrome.manage().deleteAllCookies();
        chrome.get(stack.consoleUrl + "/login");
        chrome.findElement(By.id("user")).sendKeys(user);
        chrome.findElement(By.id("password")).sendKeys("local-dev-password");
        chrome.findElement(By.cssSelector("form.login button")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("incidents")));
    }

    /** Submits the incident page's form for {@code action} and waits for the correlator's verdict. */
    private String act(String action) {
        // the page shown now may still say "Applied" from the previous command: wait until the click has left it
        WebElement before = chrome.findElement(By.tagName("html"));
        chrome.findElement(By.cssSelector("form[data-action='" + action + "'] button"))
                .click();
        waiting().until(ExpectedConditions.stalenessOf(before));
        waiting().until(d -> {
            String state = d.findElement(By.id("command-outcome")).getAttribute("data-state");
            return "rejected".equals(state)
                    || d.findElement(By.id("command-outcome")).getText().startsWith("Applied");
        });
        return chrome.findElement(By.id("command-outcome")).getText();
    }

    @Test
    void anOperatorWorksAnIncidentFromLiveListToResolvedAndTheUpdateReachesTheStatusPage() throws Exception {
        logIn("ops");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("live-status"), "Live"));
        chrome.executeScript("window.tocsinNotReloaded = true;");

        long posted = System.nanoTime();
        assertThat(stack.postAlert("chat", "api", "Chat API error rate above 5%"))
                .isEqualTo(202);
        WebElement row = waiting()
                .until(ExpectedConditions.presenceOfElementLocated(
                        By.cssSelector("#incident-rows tr[id^='row-chat-']")));
        // a figure, not an assertion: from the alert's 202 to its incident's row in the open browser
        System.out.printf(
                "ops-console live latency: alert accepted -> row shown in %d ms%n",
                (System.nanoTime() - posted) / 1_000_000);
        assertThat(chrome.executeScript("return window.tocsinNotReloaded === true;"))
                .as("the row arrived without a reload")
                .isEqualTo(true);
        assertThat(row.getText())
                .contains("investigating")
                .contains("not acknowledged")
                .contains("due in");
        Matcher id = INCIDENT_ID.matcher(row.getAttribute("id"));
        assertThat(id.find()).isTrue();
        String incident = id.group();
        Browser.screenshot(chrome, "console-list-laptop.png", 1366, 900);
        Browser.screenshot(chrome, "console-list-phone.png", 390, 844);

        chrome.findElement(By.linkText(incident)).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("actions-h")));
        assertThat(chrome.executeScript("""
                return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
                    .filter(e => !e.closest('label') && !e.getAttribute('aria-label')).length;""")).as("every field has a label").isEqualTo(0L);
        // the open page says when its incident changes: a second alert of the same component joins it
        assertThat(stack.postAlert("chat", "api", "Chat API latency above 2s")).isEqualTo(202);
        waiting()
                .until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("incident-live"), "This incident changed"));
        chrome.findElement(By.cssSelector("#incident-live a")).click();
        waiting().until(d -> d.findElement(By.cssSelector("dl.facts")).getText().contains("2 · 0 · 0"));
        assertThat(act("ACKNOWLEDGE")).startsWith("Applied");
        assertThat(chrome.findElement(By.cssSelector("dl.facts")).getText()).contains("yes, by ops");
        assertThat(chrome.findElement(By.id("public-view")).getText())
                .contains("Withheld from the status page: not published yet");
        assertThat(act("PUBLISH")).startsWith("Applied");

        // an internal note: in the console's timeline, never on the status page
        String note = "Internal: acme reported it by phone, ticket 4711.";
        chrome.findElement(By.cssSelector("form[data-action='POST_UPDATE'] textarea"))
                .sendKeys(note);
        chrome.findElement(By.cssSelector("form[data-action='POST_UPDATE'] input[name='internal']"))
                .click();
        assertThat(act("POST_UPDATE")).startsWith("Applied");
        assertThat(chrome.findElement(By.cssSelector("ol.timeline")).getText())
                .contains("internal UPDATE_POSTED by ops")
                .contains(note);
        assertThat(chrome.findElement(By.cssSelector("ol.public-updates")).getText())
                .doesNotContain(note);

        String update = "We are investigating elevated error rates in Chat.";
        chrome.findElement(By.cssSelector("form[data-action='POST_UPDATE'] textarea"))
                .sendKeys(update);
        assertThat(act("POST_UPDATE")).startsWith("Applied");
        assertThat(chrome.findElement(By.cssSelector("ol.timeline")).getText())
                .contains("UPDATE_POSTED by ops")
                .contains(update);
        // the public view shows the update as the page words it in each language; the console's board
        // (tocsin.incidents) may trail the query API the rest of the page reads, so reload until it is there
        waiting().until(d -> {
            String view = d.findElement(By.id("public-view")).getText();
            if (!view.contains(update) || !view.contains("Betroffene Komponente: Chat")) {
                d.navigate().refresh();
                return false;
            }
            return true;
        });
        assertThat(chrome.findElement(By.cssSelector("#public-view [lang='ja']"))
                        .getText())
                .contains("影響を受けるコンポーネント：Chat")
                .contains(update);
        Browser.screenshot(chrome, "console-detail-laptop.png", 1366, 900);
        Browser.screenshot(chrome, "console-detail-phone.png", 390, 844);
        String detailUrl = chrome.getCurrentUrl();
        chrome.get(stack.publisherUrl + "/");
        waiting().until(d -> {
            if (!d.getPageSource().contains(update)) {
                d.navigate().refresh();
                return false;
            }
            return true;
        });
        // the note was applied before the update now shown, so it would be there by now
        assertThat(chrome.getPageSource()).doesNotContain(note);

        // a command the correlator refuses shows its reason
        chrome.get(detailUrl.replaceAll("\\?.*", ""));
        chrome.findElement(By.cssSelector("form[data-action='MERGE'] input[name='targetIncidentId']"))
                .sendKeys("chat-00000000");
        assertThat(act("MERGE")).startsWith("Rejected by the correlator: MERGE rejected");

        // a second incident merged into the first
        assertThat(stack.postAlert("chat", "storage", "Chat attachment storage unreachable"))
                .isEqualTo(202);
        String list = stack.await(
                stack.correlatorUrl + "/api/v1/incidents?product=chat",
                body -> INCIDENT_ID.matcher(body.replace(incident, "")).find(),
                PATIENCE);
        Matcher other = INCIDENT_ID.matcher(list.replace(incident, ""));
        assertThat(other.find())
                .as("a second incident for the storage alert: " + list)
                .isTrue();
        chrome.get(stack.consoleUrl + "/incidents/" + other.group());
        chrome.findElement(By.cssSelector("form[data-action='MERGE'] input[name='targetIncidentId']"))
                .sendKeys(incident);
        assertThat(act("MERGE")).startsWith("Applied");
        assertThat(chrome.findElement(By.cssSelector("dl.facts")).getText())
                .contains("Merged into")
                .contains(incident);

        chrome.get(stack.consoleUrl + "/incidents/" + incident);
        assertThat(act("RESOLVE")).startsWith("Applied");
        assertThat(chrome.findElement(By.cssSelector("dl.facts")).getText()).contains("resolved");
        assertThat(chrome.findElements(By.cssSelector("form[data-action='REOPEN']")))
                .hasSize(1);

        chrome.get(stack.consoleUrl + "/queues");
        assertThat(chrome.findElement(By.id("notifications")).getText()).contains("Sent", "Withheld, with the reason");
        Browser.screenshot(chrome, "console-queues-laptop.png", 1366, 900);
    }

    @Test
    void supportReadsIncidentsAndLinksTicketsButCannotAct() throws Exception {
        assertThat(stack.postAlert("voice", "sip", "Voice calls dropping")).isEqualTo(202);
        String list = stack.await(
                stack.correlatorUrl + "/api/v1/incidents?product=voice", body -> body.contains("voice-"), PATIENCE);
        Matcher id = Pattern.compile("voice-[0-9a-f]{8}").matcher(list);
        assertThat(id.find()).as(list).isTrue();
        logIn("support");
        chrome.get(stack.consoleUrl + "/incidents/" + id.group());
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("actions-h")));
        assertThat(chrome.findElements(By.cssSelector("form[data-action='ACKNOWLEDGE']")))
                .isEmpty();
        assertThat(chrome.findElements(By.cssSelector("form[data-action='RESOLVE']")))
                .isEmpty();
        assertThat(chrome.findElement(By.id("alerts-h"))
                        .findElement(By.xpath(".."))
                        .getText())
                .contains("for operators");
        chrome.findElement(By.cssSelector("form[data-action='LINK_TICKET'] input[name='ticketId']"))
                .sendKeys("T-4711");
        chrome.findElement(By.cssSelector("form[data-action='LINK_TICKET'] input[name='organizationId']"))
                .sendKeys("acme");
        assertThat(act("LINK_TICKET")).startsWith("Applied");

        // a forged form from a support session is refused by the server, not only hidden
        String forbidden = (String) chrome.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                var body = new URLSearchParams({csrf: document.querySelector('meta[name=csrf-token]').content, action: 'RESOLVE'});
                fetch(location.pathname + '/actions', {method: 'POST', body: body}).then(r => done(String(r.status)));
                """);
        assertThat(forbidden).isEqualTo("403");
        chrome.get(stack.consoleUrl + "/tickets?id=T-4711");
        assertThat(chrome.findElement(By.tagName("main")).getText()).contains(id.group());
        Browser.screenshot(chrome, "console-ticket-phone.png", 390, 844);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return stack.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.BodyPublisher form(String body) {
        return HttpRequest.BodyPublishers.ofString(body);
    }

    @Test
    void pagesNeedALoginTheCookieIsLockedDownAndEveryPostNeedsTheSessionsCsrfToken() throws Exception {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(stack.consoleUrl + "/queues")));
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).contains("/login?next=%2Fqueues");
        assertThat(anonymous.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(send(HttpRequest.newBuilder(URI.create(stack.consoleUrl + "/events")))
                        .statusCode())
                .isEqualTo(401);

        HttpResponse<String> wrong = send(HttpRequest.newBuilder(URI.create(stack.consoleUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form("user=ops&password=guess")));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> crossSite = send(HttpRequest.newBuilder(URI.create(stack.consoleUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://evil.example")
                .POST(form("user=ops&password=local-dev-password")));
        assertThat(crossSite.statusCode()).isEqualTo(403);

        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(stack.consoleUrl + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form("user=ops&password=local-dev-password&next=/queues")));
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).contains("/queues");
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Strict").contains("Secure");
        String session = cookie.substring(0, cookie.indexOf(';'));

        HttpResponse<String> queues = send(
                HttpRequest.newBuilder(URI.create(stack.consoleUrl + "/queues")).header("Cookie", session));
        assertThat(queues.statusCode()).isEqualTo(200);
        assertThat(queues.body())
                .contains("Unclassified incidents")
                .contains("Maintenance windows")
                .doesNotContain("<script>")
                .doesNotContain(" style=")
                .doesNotContain(" onclick=");
        Matcher csrf =
                Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(queues.body());
        assertThat(csrf.find()).isTrue();

        HttpResponse<String> forged = send(HttpRequest.newBuilder(URI.create(stack.consoleUrl + "/silences/x/expire"))
                .header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form("csrf=not-it")));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("CSRF");

        // a silence through the console lands on the topic and in the queue, created by the logged-in user
        HttpResponse<String> silence = send(HttpRequest.newBuilder(URI.create(stack.consoleUrl + "/silences"))
                .header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form("csrf=" + csrf.group(1)
                        + "&matchers="
                        + java.net.URLEncoder.encode(
                                "alertname=\"ConsoleTest\"", java.nio.charset.StandardCharsets.UTF_8)
                        + "&hours=1&comment=console+test")));
        assertThat(silence.statusCode()).as(silence.body()).isEqualTo(303);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String page = "";
        while (System.nanoTime() < deadline && !page.contains("ConsoleTest")) {
            page = send(HttpRequest.newBuilder(URI.create(stack.consoleUrl + "/queues"))
                            .header("Cookie", session))
                    .body();
            Thread.sleep(200);
        }
        assertThat(page)
                .contains("alertname=&quot;ConsoleTest&quot;")
                .contains(">ops<")
                .contains("active");

        // an alert the silence matches is held: the queue says by which silence, and until when
        assertThat(stack.postAlert("voice", "media", "Voice media relay noisy", "ConsoleTest"))
                .isEqualTo(202);
        page = awaitQueues(session, body -> body.contains("Voice media relay noisy"));
        assertThat(page.substring(page.indexOf("id=\"held\"")))
                .contains("Voice media relay noisy")
                .contains("silenced by ");

        // a maintenance window through the console, then cancelled: only the endings its state allows are offered
        java.time.LocalDateTime start = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC)
                .plusDays(1)
                .withSecond(0)
                .withNano(0);
        HttpResponse<String> window = send(HttpRequest.newBuilder(URI.create(stack.consoleUrl + "/maintenance"))
                .header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form("csrf=" + csrf.group(1)
                        + "&id=console-window&products=chat&title=Database+patching&startsAt=" + start + "&endsAt="
                        + start.plusHours(2)
                        + "&state=&description=")));
        assertThat(window.statusCode()).as(window.body()).isEqualTo(303);
        page = awaitQueues(session, body -> body.contains("console-window"));
        assertThat(page)
                .contains("Database patching")
                .contains(">scheduled<")
                .contains("<option value=\"cancelled\"")
                .doesNotContain("<option value=\"completed\" selected");
        HttpResponse<String> cancel =
                send(HttpRequest.newBuilder(URI.create(stack.consoleUrl + "/maintenance/console-window/end"))
                        .header("Cookie", session)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(form("csrf=" + csrf.group(1) + "&state=cancelled")));
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(303);
        assertThat(awaitQueues(session, body -> body.contains(">cancelled<"))).contains(">cancelled<");

        HttpResponse<String> logout = send(HttpRequest.newBuilder(URI.create(stack.consoleUrl + "/logout"))
                .header("Cookie", session)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(form("csrf=" + csrf.group(1))));
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(send(HttpRequest.newBuilder(URI.create(stack.consoleUrl + "/"))
                                .header("Cookie", session))
                        .statusCode())
                .isEqualTo(303);
    }

    private String awaitQueues(String session, java.util.function.Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String page = "";
        while (System.nanoTime() < deadline && !ready.test(page)) {
            page = send(HttpRequest.newBuilder(URI.create(stack.consoleUrl + "/queues"))
                            .header("Cookie", session))
                    .body();
            Thread.sleep(200);
        }
        return page;
    }

    @Test
    void metricsAndProbesAreOnTheManagementPortOnly() throws Exception {
        String management = "http://127.0.0.1:" + stack.consoleManagementPort;
        assertThat(stack.await(
                        management + "/ready", body -> body.contains("READY") && !body.contains("NOT_READY"), PATIENCE))
                .contains("views caught up");
        assertThat(send(HttpRequest.newBuilder(URI.create(management + "/metrics")))
                        .body())
                .contains("tocsin_console_views_caught_up")
                .contains("tocsin_console_live_clients");
        assertThat(send(HttpRequest.newBuilder(URI.create(stack.consoleUrl + "/metrics")))
                        .statusCode())
                .isNotEqualTo(200);
    }
}
