package com.example.equipment;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores an {@link EquipmentStatus} as its name, so the column reads well in SQL and survives reordering. */
@Converter
public class EquipmentStatusConverter implements AttributeConverter<EquipmentStatus, String> {
    @Override
    public String convertToDatabaseColumn(EquipmentStatus status) {
        return status == null ? null : status.name();
    }

    @Override
    public EquipmentStatus convertToEntityAttribute(String name) {
        return name == null ? null : EquipmentStatus.valueOf(name);
    }
}
