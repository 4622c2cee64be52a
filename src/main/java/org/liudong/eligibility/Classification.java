package org.liudong.eligibility;

import java.util.Objects;

/** The outcome of classifying a person: the category, the article that decided it, and why, in Chinese. */
public record Classification(Category category, String article, String reason) {

    public Classification {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(reason, "reason");
    }
}
