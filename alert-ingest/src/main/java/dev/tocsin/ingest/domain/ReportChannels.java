package dev.tocsin.ingest.domain;

import dev.tocsin.avro.ReportChannel;
import java.util.Locale;

/** How a report reached support, from a ticket system's channel name. */
public final class ReportChannels {

    private ReportChannels() {}

    /**
     * Zendesk {@code via.channel}: web, portal and help-center forms are PORTAL; email EMAIL; chat and
     * messaging CHAT; voice and phone PHONE; api and web_service (the API's older name) API;
     * anything else (twitter, facebook, mobile_sdk, sms, ...) OTHER.
     */
    public static ReportChannel fromZendesk(String via) {
        if (via == null) {
            return ReportChannel.OTHER;
        }
        String name = via.trim().toLowerCase(Locale.ROOT);
        if (name.equals("web") || name.equals("portal") || name.equals("web_form") || name.equals("help_center")) {
            return ReportChannel.PORTAL;
        }
        if (name.equals("email") || name.equals("mail")) {
            return ReportChannel.EMAIL;
        }
        if (name.contains("chat") || name.contains("messaging")) {
            return ReportChannel.CHAT;
        }
        if (name.equals("voice") || name.startsWith("phone")) {
            return ReportChannel.PHONE;
        }
        if (name.equals("api") || name.equals("web_service")) {
            return ReportChannel.API;
        }
        return ReportChannel.OTHER;
    }
}
