package dev.tocsin.publisher.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Tiny helpers to look into rendered HTML without an HTML parser (the module has none). */
public final class Html {

    private Html() {}

    /**
     * The outer HTML of every element whose start tag contains {@code startTagFragment}, e.g.
     * {@code data-component="chat"}, up to its matching end tag (nested elements of the same name are counted).
     */
    public static List<String> elements(String html, String startTagFragment) {
        List<String> found = new ArrayList<>();
        int from = 0;
        while (true) {
            int hit = html.indexOf(startTagFragment, from);
            if (hit < 0) {
                return found;
            }
            int start = html.lastIndexOf('<', hit);
            Matcher name = Pattern.compile("<([a-zA-Z0-9]+)").matcher(html).region(start, html.length());
            if (!name.lookingAt()) {
                throw new AssertionError("no start tag around " + startTagFragment);
            }
            String tag = name.group(1);
            Matcher tags = Pattern.compile("<(/?)" + tag + "[\\s>]").matcher(html);
            int depth = 0;
            int end = -1;
            tags.region(start, html.length());
            while (tags.find()) {
                depth += tags.group(1).isEmpty() ? 1 : -1;
                if (depth == 0) {
                    end = html.indexOf('>', tags.start()) + 1;
                    break;
                }
            }
            if (end < 0) {
                throw new AssertionError("unclosed <" + tag + "> around " + startTagFragment);
            }
            found.add(html.substring(start, end));
            from = end;
        }
    }

    /** The single element whose start tag contains the fragment. */
    public static String element(String html, String startTagFragment) {
        List<String> all = elements(html, startTagFragment);
        if (all.size() != 1) {
            throw new AssertionError("expected one element with " + startTagFragment + " but found " + all.size());
        }
        return all.get(0);
    }

    /** The visible text: tags removed (inline, so they add no space; {@code <br>} is one), the five entity references decoded, white space collapsed. */
    public static String text(String html) {
        String noStyle = html.replaceAll("(?s)<style>.*?</style>", " ").replaceAll("(?s)<title>.*?</title>", " ");
        return noStyle.replace("<br>", " ")
                .replaceAll("<[^>]*>", "")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
                .replaceAll("\\s+", " ")
                .trim();
    }
}
