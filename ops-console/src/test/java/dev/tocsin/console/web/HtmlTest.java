package dev.tocsin.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void everythingUpstreamWroteIsEscapedForContentAndAttributes() {
        assertThat(Html.text("<script>alert('x')</script> & \"q\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(Html.text(null)).isEmpty();
    }

    @Test
    void theLoginRedirectsOnlyWithinTheConsole() {
        assertThat(ConsoleRoutes.safeNext("/incidents/chat-1?x=1")).isEqualTo("/incidents/chat-1?x=1");
        assertThat(ConsoleRoutes.safeNext("//evil.example/")).isEqualTo("/");
        assertThat(ConsoleRoutes.safeNext("https://evil.example/")).isEqualTo("/");
        assertThat(ConsoleRoutes.safeNext("/\\evil.example")).isEqualTo("/");
        assertThat(ConsoleRoutes.safeNext(null)).isEqualTo("/");
    }

    @Test
    void thePolicyForbidsInlineScriptAndForeignOrigins() {
        assertThat(ConsoleRoutes.CSP)
                .contains("script-src 'self'")
                .contains("style-src 'self'")
                .doesNotContain("unsafe-inline")
                .contains("frame-ancestors 'none'");
    }
}
