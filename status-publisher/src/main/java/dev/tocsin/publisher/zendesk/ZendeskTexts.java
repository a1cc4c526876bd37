package dev.tocsin.publisher.zendesk;

import dev.tocsin.avro.PublicStatus;
import dev.tocsin.publisher.domain.Messages;
import dev.tocsin.runtime.text.MessageCatalog;

/**
 * Comments and notes the write-back posts, in the ticket's language, from the UTF-8 catalogs
 * {@code dev/tocsin/publisher/zendesk/texts_<language>.properties}. Incident status names are the
 * status page's own ({@link Messages}), so a ticket and the page name a status alike.
 */
final class ZendeskTexts {

    static final MessageCatalog CATALOG = new MessageCatalog(ZendeskTexts.class, "/dev/tocsin/publisher/zendesk/texts");

    private ZendeskTexts() {}

    /** A template filled with text arguments; blank lines left by empty arguments are dropped. */
    static String format(String language, String key, String... args) {
        String text = CATALOG.format(MessageCatalog.resolve(language), key, (Object[]) args);
        return text.replaceAll("\n{2,}", "\n").strip();
    }

    /** The status page's name of an incident status, in the language. */
    static String status(String language, PublicStatus status) {
        return Messages.forLanguage(language).text("incident.status." + status.name());
    }
}
