package dev.framesmith.testsupport.structurefixture.billing;

import dev.framesmith.testsupport.structurefixture.orders.Order;
import dev.framesmith.testsupport.structurefixture.shipping.Parcel;

/** ...billing uses orders back (a cycle), and shipping, which it does not declare. */
public record Invoice(Order order) {

    public Parcel parcel() {
        return new Parcel(order.id());
    }
}
