package dev.framesmith.testsupport.structurefixture.shipping;

/** A fixture of {@code StructureRulesTest}: a feature nothing may use but orders. */
public record Parcel(String orderId) {
}
