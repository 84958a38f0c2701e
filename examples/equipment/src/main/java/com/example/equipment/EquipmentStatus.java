package com.example.equipment;

/** Where an item is in its life; stored by name, so renaming a constant needs a migration. */
public enum EquipmentStatus {
    AVAILABLE,
    ASSIGNED,
    IN_REPAIR,
    RETIRED
}
