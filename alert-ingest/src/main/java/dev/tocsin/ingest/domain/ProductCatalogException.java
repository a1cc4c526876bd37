package dev.tocsin.ingest.domain;

/** A product catalog that cannot be used; the message names the file (or resource) and what is wrong. */
public final class ProductCatalogException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProductCatalogException(String message) {
        super(message);
    }

    public ProductCatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
