package dev.tocsin.publisher.domain;

import java.util.List;

/** Small text helpers that stay language-neutral by taking separators from the catalog. */
final class Texts {

    private Texts() {}

    /** Names joined with the language's list separator ("A, B" / "A、B"). */
    static String list(List<String> names, Messages messages) {
        return String.join(messages.template("list.separator"), names);
    }
}
