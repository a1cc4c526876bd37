package dev.tocsin.console;

import dev.tocsin.console.access.Sessions;
import dev.tocsin.console.access.Users;
import dev.tocsin.console.live.LiveViews;
import dev.tocsin.console.upstream.CorrelatorClient;
import dev.tocsin.console.upstream.IngestClient;
import dev.tocsin.console.web.ConsoleRoutes;
import dev.tocsin.publisher.PublisherSettings;
import dev.tocsin.runtime.config.CommonSettings;
import dev.tocsin.runtime.config.ConfigException;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.ServiceConfig;
import dev.tocsin.runtime.http.Credentials;
import dev.tocsin.runtime.http.ServiceHttpServer;
import dev.tocsin.runtime.lifecycle.Closer;
import dev.tocsin.runtime.metrics.ServiceMetrics;
import dev.tocsin.schemas.registry.SchemaRegistry;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires ops-console: logins and sessions, the clients of the query API and the operator API (with
 * the console's own tokens), the live views of the topics, and the pages. No Kafka Streams and no
 * state of its own: a restart reads the topics again.
 */
public final class ConsoleService implements AutoCloseable {

    public static final String NAME = "ops-console";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleService.class);

    private final Closer parts = new Closer();
    private ServiceHttpServer http;

    public static ConsoleService start(Environment env, Runnable onFatal) {
        return Closer.startOrClose(new ConsoleService(), service -> service.startParts(env));
    }

    private void startParts(Environment env) {
        ServiceConfig config = ServiceConfig.from(env, NAME, ConsoleSettings.DEFAULT_PORT);
        env.validate(ConsoleSettings.all());
        Users users = Users.configured(env, config.local());
        String correlatorToken = token(env, config.local(), ConsoleSettings.CORRELATOR_TOKEN);
        String ingestToken = token(env, config.local(), ConsoleSettings.INGEST_TOKEN);
        LOG.info("Starting {} with {}; {}", NAME, config, env.describe(ConsoleSettings.all()));

        ServiceMetrics metrics = new ServiceMetrics(NAME);
        parts.add(metrics);
        AvroSerdes serdes = new AvroSerdes(SchemaRegistry.connect(config.schemaRegistry()));
        Topics topics = Topics.create(config.topicPrefix(), serdes);
        String unclassified = env.get(CommonSettings.UNCLASSIFIED_PRODUCT);
        LiveViews views = new LiveViews(
                        config.kafkaProperties(),
                        config.applicationId() + "-views",
                        topics,
                        unclassified,
                        env.get(ConsoleSettings.VIEW_LIMIT),
                        metrics.registry())
                .start();
        parts.add(views);
        Duration timeout = env.get(ConsoleSettings.UPSTREAM_TIMEOUT);
        ConsoleRoutes routes = new ConsoleRoutes(
                users,
                new Sessions(
                        env.get(ConsoleSettings.SESSION_IDLE),
                        env.get(ConsoleSettings.MAX_SESSIONS),
                        Clock.systemUTC()),
                env.get(ConsoleSettings.SECURE_COOKIE),
                new CorrelatorClient(env.get(ConsoleSettings.CORRELATOR_URL), correlatorToken, timeout),
                new IngestClient(env.get(ConsoleSettings.INGEST_URL), ingestToken, timeout),
                views,
                unclassified,
                env.get(ConsoleSettings.SLA_DUE_SOON),
                env.get(ConsoleSettings.STATUS_PAGE_URL),
                // the publisher's own settings: the console shows what the page shows
                PublisherSettings.pageOptions(env),
                Clock.systemUTC(),
                metrics.registry());
        parts.add(routes::close);
        // ready = the live views have caught up with the topics (the list is complete)
        http = ServiceHttpServer.builder(NAME, metrics, views::readiness)
                .listen(config.httpHost(), config.httpPort(), env.get(ConsoleSettings.MANAGEMENT_PORT))
                .maxRequestBytes(64 * 1024)
                .routes(routes::register)
                .start();
        parts.add(http);
    }

    /** The console's upstream token; the local stack's services accept the printed dev token. */
    private static String token(Environment env, boolean local, dev.tocsin.runtime.config.Setting<String> setting) {
        return env.optional(setting).filter(t -> !t.isBlank()).orElseGet(() -> {
            if (local) {
                return Credentials.LOCAL_DEV_TOKEN;
            }
            throw new ConfigException("Set " + setting.env() + ": " + setting.description());
        });
    }

    public int port() {
        return http.port();
    }

    public int managementPort() {
        return http.managementPort();
    }

    @Override
    public void close() {
        parts.close();
    }
}
