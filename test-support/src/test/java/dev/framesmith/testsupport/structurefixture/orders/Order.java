package dev.framesmith.testsupport.structurefixture.orders;

import dev.framesmith.testsupport.structurefixture.billing.Invoice;

/** A fixture of {@code StructureRulesTest}: orders use billing... */
public record Order(String id) {

    public Invoice invoice() {
        return new Invoice(this);
    }
}
