package dev.tourniquet.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.signal.Delivery;

/**
 * A containing function's flow with the footprint's inventory schedule handled by its {@link FootprintInventory}, and
 * every other delivery by the function's own flow.
 */
final class InventoryFlow implements FunctionFlow {
    private final FootprintInventory inventory;
    private final FunctionFlow flow;

    InventoryFlow(FootprintInventory inventory, FunctionFlow flow) {
        this.inventory = inventory;
        this.flow = flow;
    }

    @Override
    public ObjectNode handle(Delivery delivery) {
        return handle(delivery, SweepBudget.UNLIMITED);
    }

    @Override
    public ObjectNode handle(Delivery delivery, SweepBudget budget) {
        return delivery.raw() != null && FootprintInventory.isInventory(delivery.raw()) ? inventory.run(delivery.raw())
                : flow.handle(delivery, budget);
    }

    @Override
    public ObjectNode planOffline(Delivery delivery) {
        return delivery.raw() != null && FootprintInventory.isInventory(delivery.raw())
                ? inventory.planOffline()
                : flow.planOffline(delivery);
    }

    @Override
    public void primeClients() {
        flow.primeClients();
    }
}
